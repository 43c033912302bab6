package io.statefulsuite.health.domain;

/** {@code CLUSTER INFO}: one node's opinion of the cluster. */
public record ClusterInfo(String state, int slotsAssigned, int slotsOk, int slotsPfail, int slotsFail, int knownNodes,
                          int size, long currentEpoch) {

    public static final int SLOTS = 16384;

    public static ClusterInfo parse(String text) {
        InfoReport fields = InfoReport.parse(text);
        return new ClusterInfo(fields.text("cluster_state").orElse("unknown"),
                (int) fields.number("cluster_slots_assigned", 0), (int) fields.number("cluster_slots_ok", 0),
                (int) fields.number("cluster_slots_pfail", 0), (int) fields.number("cluster_slots_fail", 0),
                (int) fields.number("cluster_known_nodes", 0), (int) fields.number("cluster_size", 0),
                fields.number("cluster_current_epoch", 0));
    }

    public boolean ok() {
        return "ok".equals(state);
    }
}

package io.statefulsuite.provisioner.domain.formation;

/**
 * A running Valkey pod as the Kubernetes API reports it.
 *
 * @param name  pod name, e.g. {@code cache-primary-0}
 * @param ip    {@code status.podIP}; the node listens on 6379 and its cluster bus on 16379
 * @param zone  value of the node's {@code topology.kubernetes.io/zone} label; empty (never null) when unknown, e.g.
 *              when the node has no such label
 * @param role  the role its StatefulSet gives it
 * @param shard the shard it belongs to by ordinal (primary ordinal i leads shard i; replica ordinal j follows
 *              shard {@code j % shards})
 */
public record ValkeyPod(String name, String ip, String zone, PodRole role, int shard) {

    public ValkeyPod {
        zone = zone == null ? "" : zone;
    }

    public boolean zoneKnown() {
        return !zone.isEmpty();
    }

    /** True only when both zones are known and equal: two pods of unknown zone may well be far apart. */
    public boolean sharesZoneWith(ValkeyPod other) {
        return zoneKnown() && zone.equals(other.zone());
    }
}

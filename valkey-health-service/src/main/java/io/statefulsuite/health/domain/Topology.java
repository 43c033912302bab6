package io.statefulsuite.health.domain;

import java.util.List;

/** Shards as observed, ordered by their first slot: who is primary, who replicates it, where they run. */
public record Topology(List<Shard> shards) {

    public static final Topology EMPTY = new Topology(List.of());

    /** {@code slots} like "0-5460"; empty for a primary without slots. */
    public record Shard(int index, String slots, Member primary, List<Member> replicas) {

        public boolean servesSlots() {
            return !slots.isEmpty();
        }
    }

    /**
     * A node in a shard. {@code pod} is the pod (or endpoint) name; {@code offset} the replication offset when the
     * node answered; {@code failing} when the cluster marks it fail/fail?.
     */
    public record Member(String pod, String ip, int port, String zone, Long offset, String nodeId, boolean reachable,
                         boolean failing, IntendedRole intendedRole) {

        public String address() {
            return ip + ":" + port;
        }
    }
}

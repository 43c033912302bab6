package io.statefulsuite.health.domain;

import java.util.List;

/**
 * Everything read from one node in one check. Parts the node did not answer (or does not have, like CLUSTER INFO on
 * a non-cluster server) are null; {@code error} explains a failed reachability without ever carrying a password.
 */
public record NodeObservation(NodeTarget target, Reachability reachability, String error, long latencyMicros,
                              InfoReport info, RoleReply role, NodeConfig config, ClusterInfo clusterInfo,
                              List<ClusterNode> clusterNodes) {

    public static NodeObservation failed(NodeTarget target, Reachability reachability, String error) {
        return new NodeObservation(target, reachability, error, -1, null, null, NodeConfig.UNKNOWN, null, null);
    }

    public boolean observed() {
        return reachability == Reachability.OK && info != null;
    }

    public boolean isPrimary() {
        return role != null ? role.isPrimary() : info != null && info.isPrimary();
    }

    public String name() {
        return target.name();
    }

    /** This node's own line of CLUSTER NODES (flag {@code myself}), if it is in cluster mode. */
    public java.util.Optional<ClusterNode> myself() {
        return clusterNodes == null ? java.util.Optional.empty()
                : clusterNodes.stream().filter(ClusterNode::isMyself).findFirst();
    }

    /** Replication offset: a primary's master_repl_offset, a replica's processed offset. */
    public long offset() {
        if (info == null) {
            return -1;
        }
        return isPrimary() ? info.number("master_repl_offset", -1) : info.number("slave_repl_offset", -1);
    }
}

package io.statefulsuite.provisioner.domain.formation;

import java.util.Optional;

/**
 * What one pod reported in this pass: its CLUSTER NODES view, whether its replication link is up and whether it
 * considers the cluster healthy. An unreachable pod has no view, but the reason it gave none.
 *
 * @param replicationOffset its {@code master_repl_offset}: on a primary how far its stream has got, on a replica
 *                          how far it has followed it; comparing the two tells how far a replica lags
 * @param problem why the pod did not answer (e.g. "Connection refused", "WRONGPASS ..."); empty when it did
 */
public record NodeObservation(ValkeyPod pod, Optional<ClusterView> view, boolean masterLinkUp,
                              boolean clusterStateOk, long replicationOffset, Optional<String> problem) {

    public static NodeObservation unreachable(ValkeyPod pod, String problem) {
        return new NodeObservation(pod, Optional.empty(), false, false, 0, Optional.of(problem));
    }

    public static NodeObservation of(ValkeyPod pod, ClusterView view, boolean masterLinkUp, boolean clusterStateOk,
                                     long replicationOffset) {
        return new NodeObservation(pod, Optional.of(view), masterLinkUp, clusterStateOk, replicationOffset,
                Optional.empty());
    }

    public boolean reachable() {
        return view.isPresent();
    }

    /** The view of a reachable pod. */
    public ClusterView clusterView() {
        return view.orElseThrow(() -> new IllegalStateException(pod.name() + " did not answer"));
    }

    public ClusterNode self() {
        return clusterView().myself();
    }

    public String nodeId() {
        return self().id();
    }
}

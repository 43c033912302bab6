package io.statefulsuite.provisioner.domain.formation;

import java.util.Optional;

/**
 * What one pod reported in this pass: its CLUSTER NODES view, whether its replication link is up and whether it
 * considers the cluster healthy. An unreachable pod has no view.
 */
public record NodeObservation(ValkeyPod pod, Optional<ClusterView> view, boolean masterLinkUp,
                              boolean clusterStateOk) {

    public static NodeObservation unreachable(ValkeyPod pod) {
        return new NodeObservation(pod, Optional.empty(), false, false);
    }

    public static NodeObservation of(ValkeyPod pod, ClusterView view, boolean masterLinkUp, boolean clusterStateOk) {
        return new NodeObservation(pod, Optional.of(view), masterLinkUp, clusterStateOk);
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

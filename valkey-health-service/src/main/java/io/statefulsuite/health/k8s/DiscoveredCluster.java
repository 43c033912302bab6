package io.statefulsuite.health.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.statefulsuite.health.domain.CheckPlan;
import io.statefulsuite.health.domain.ClusterRef;
import io.statefulsuite.health.domain.NodeAccess;

import java.util.Optional;

/**
 * A cluster as found in Kubernetes: what to check, how to reach its nodes (password and TLS trust; empty when they
 * must not be contacted, e.g. a TLS cluster whose CA is unavailable: the plan's findings say why) and its
 * ValkeyCluster resource when there is one (null otherwise).
 */
public record DiscoveredCluster(ClusterRef ref, CheckPlan plan, Optional<NodeAccess> access,
                                GenericKubernetesResource resource) {

    @Override
    public String toString() {
        return "DiscoveredCluster[" + ref + ", " + plan.targets().size() + " targets, "
                + access.map(NodeAccess::toString).orElse("not contacted") + "]";
    }
}

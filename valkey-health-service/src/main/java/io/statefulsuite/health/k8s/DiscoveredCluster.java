package io.statefulsuite.health.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.statefulsuite.health.domain.CheckPlan;
import io.statefulsuite.health.domain.ClusterRef;

/**
 * A cluster as found in Kubernetes: what to check, the password (never printed: see toString) and its
 * ValkeyCluster resource when there is one (null otherwise).
 */
public record DiscoveredCluster(ClusterRef ref, CheckPlan plan, String password, GenericKubernetesResource resource) {

    @Override
    public String toString() {
        return "DiscoveredCluster[" + ref + ", " + plan.targets().size() + " targets, password "
                + (password == null ? "none" : "***") + "]";
    }
}

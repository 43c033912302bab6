package io.statefulsuite.provisioner.manifests;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.ClusterNames;
import io.statefulsuite.provisioner.domain.Component;

/** PDB {@code <c>}: node drains take the cluster's pods one at a time, so a shard never loses two nodes. */
public final class DisruptionBudgetManifest {

    private DisruptionBudgetManifest() {
    }

    public static PodDisruptionBudget render(String namespace, String name) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                .withName(ClusterNames.allPods(name))
                .withNamespace(namespace)
                .withLabels(ClusterLabels.of(name, Component.CLUSTER))
                .endMetadata()
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector().withMatchLabels(ClusterLabels.allPodsSelector(name)).endSelector()
                .endSpec()
                .build();
    }
}

package io.statefulsuite.provisioner.manifests;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.statefulsuite.provisioner.domain.Component;
import io.statefulsuite.provisioner.domain.ResolvedSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Every Kubernetes object a ValkeyCluster consists of, in the order to apply them: StorageClass (when the spec
 * has an inline one), ConfigMap, the three headless Services, the primary and replica StatefulSets (the latter
 * only when {@code replicasPerShard > 0}) and the PodDisruptionBudget. Pure: same input, same objects.
 */
public final class ValkeyClusterManifests {

    private ValkeyClusterManifests() {
    }

    public static List<HasMetadata> render(String namespace, String name, ResolvedSpec spec, RenderOptions options) {
        List<HasMetadata> objects = new ArrayList<>();
        spec.storageClassToCreate().ifPresent(storageClass -> objects.add(StorageClassManifest.render(name, storageClass)));
        ConfigMap configMap = ConfigMapManifest.render(namespace, name, spec);
        String checksum = ConfigMapManifest.checksum(configMap);
        objects.add(configMap);
        objects.addAll(ServiceManifests.render(namespace, name));
        objects.add(StatefulSetManifest.render(namespace, name, spec, Component.PRIMARY, checksum, options));
        if (spec.replicaCount() > 0) {
            objects.add(StatefulSetManifest.render(namespace, name, spec, Component.REPLICA, checksum, options));
        }
        objects.add(DisruptionBudgetManifest.render(namespace, name));
        return List.copyOf(objects);
    }
}

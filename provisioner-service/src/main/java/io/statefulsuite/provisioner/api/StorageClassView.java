package io.statefulsuite.provisioner.api;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * A StorageClass as the REST API shows it.
 *
 * @param managed true when the provisioner created it (label app.kubernetes.io/managed-by=valkey-provisioner)
 */
@Schema(name = "StorageClass")
public record StorageClassView(String name, String provisioner, String skuName, String reclaimPolicy,
                               Boolean allowVolumeExpansion, String volumeBindingMode, boolean managed,
                               String resourceVersion) {

    static StorageClassView of(StorageClass storageClass) {
        Map<String, String> parameters = storageClass.getParameters() == null ? Map.of() : storageClass.getParameters();
        Map<String, String> labels = storageClass.getMetadata().getLabels() == null
                ? Map.of() : storageClass.getMetadata().getLabels();
        return new StorageClassView(storageClass.getMetadata().getName(), storageClass.getProvisioner(),
                parameters.get("skuName"), storageClass.getReclaimPolicy(), storageClass.getAllowVolumeExpansion(),
                storageClass.getVolumeBindingMode(), ClusterLabels.MANAGER.equals(labels.get(ClusterLabels.MANAGED_BY)),
                storageClass.getMetadata().getResourceVersion());
    }
}

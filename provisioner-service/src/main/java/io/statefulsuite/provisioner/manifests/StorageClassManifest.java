package io.statefulsuite.provisioner.manifests;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.statefulsuite.provisioner.crd.StorageClassSpec;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/** An Azure Disk CSI StorageClass (cluster-scoped, so it cannot be owned by the namespaced ValkeyCluster). */
public final class StorageClassManifest {

    public static final String AZURE_DISK_PROVISIONER = "disk.csi.azure.com";

    private StorageClassManifest() {
    }

    /** {@code storageClass} must be resolved (every default applied), see {@code ResolvedSpec}. */
    public static StorageClass render(String name, StorageClassSpec storageClass) {
        return new StorageClassBuilder()
                .withNewMetadata()
                .withName(storageClass.getName())
                .withLabels(ClusterLabels.of(name, Component.CLUSTER))
                .endMetadata()
                .withProvisioner(AZURE_DISK_PROVISIONER)
                .withParameters(parameters(storageClass.getSkuName()))
                .withReclaimPolicy(storageClass.getReclaimPolicy())
                .withAllowVolumeExpansion(storageClass.getAllowVolumeExpansion())
                .withVolumeBindingMode(storageClass.getVolumeBindingMode())
                .build();
    }

    /** Premium SSD v2 disks support no host caching; the driver refuses them with the default ReadOnly. */
    private static Map<String, String> parameters(String skuName) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("skuName", skuName);
        if ("PremiumV2_LRS".equals(skuName)) {
            parameters.put("cachingMode", "None");
        }
        return parameters;
    }
}

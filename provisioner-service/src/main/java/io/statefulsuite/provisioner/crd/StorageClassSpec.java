package io.statefulsuite.provisioner.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** An Azure Disk CSI StorageClass ({@code disk.csi.azure.com}) the provisioner creates for the cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageClassSpec {

    @JsonPropertyDescription("Name of the StorageClass (cluster-scoped). Default: valkey-<namespace>-<cluster>.")
    private String name;

    @JsonPropertyDescription("Azure disk SKU: Premium_LRS, Premium_ZRS, PremiumV2_LRS, StandardSSD_LRS or "
            + "StandardSSD_ZRS.")
    @Required
    @Pattern("^(Premium_LRS|Premium_ZRS|PremiumV2_LRS|StandardSSD_LRS|StandardSSD_ZRS)$")
    private String skuName;

    @JsonPropertyDescription("What happens to a disk when its claim is deleted: Delete or Retain.")
    @Default("Delete")
    @Pattern("^(Delete|Retain)$")
    private String reclaimPolicy;

    @JsonPropertyDescription("Whether volumes may be grown in place.")
    @Default("true")
    private Boolean allowVolumeExpansion;

    @JsonPropertyDescription("WaitForFirstConsumer (create the disk in the zone the pod is scheduled to) or "
            + "Immediate.")
    @Default("WaitForFirstConsumer")
    @Pattern("^(WaitForFirstConsumer|Immediate)$")
    private String volumeBindingMode;

    public StorageClassSpec() {
    }

    public StorageClassSpec(String skuName) {
        this.skuName = skuName;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSkuName() {
        return skuName;
    }

    public void setSkuName(String skuName) {
        this.skuName = skuName;
    }

    public String getReclaimPolicy() {
        return reclaimPolicy;
    }

    public void setReclaimPolicy(String reclaimPolicy) {
        this.reclaimPolicy = reclaimPolicy;
    }

    public Boolean getAllowVolumeExpansion() {
        return allowVolumeExpansion;
    }

    public void setAllowVolumeExpansion(Boolean allowVolumeExpansion) {
        this.allowVolumeExpansion = allowVolumeExpansion;
    }

    public String getVolumeBindingMode() {
        return volumeBindingMode;
    }

    public void setVolumeBindingMode(String volumeBindingMode) {
        this.volumeBindingMode = volumeBindingMode;
    }
}

package io.statefulsuite.provisioner.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** The {@code data} volume claim of every pod; size may grow later (volume expansion) but never shrink. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageSpec {

    @JsonPropertyDescription("Size of each pod's volume, e.g. 20Gi. May be increased, never decreased.")
    @Default("20Gi")
    private String size;

    @JsonPropertyDescription("An existing StorageClass to use. Default: managed-csi-premium, or the inline "
            + "storageClass's name when one is given. Cannot be changed after creation.")
    private String storageClassName;

    @JsonPropertyDescription("A StorageClass (Azure Disk CSI) to create for this cluster instead of using an "
            + "existing one.")
    private StorageClassSpec storageClass;

    public StorageSpec() {
    }

    public StorageSpec(String size) {
        this.size = size;
    }

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }

    public String getStorageClassName() {
        return storageClassName;
    }

    public void setStorageClassName(String storageClassName) {
        this.storageClassName = storageClassName;
    }

    public StorageClassSpec getStorageClass() {
        return storageClass;
    }

    public void setStorageClass(StorageClassSpec storageClass) {
        this.storageClass = storageClass;
    }
}

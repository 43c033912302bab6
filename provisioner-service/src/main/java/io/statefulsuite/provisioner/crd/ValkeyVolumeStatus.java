package io.statefulsuite.provisioner.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One PersistentVolumeClaim of the cluster as last observed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ValkeyVolumeStatus {

    @JsonPropertyDescription("Claim name, e.g. data-cache-primary-0.")
    private String name;

    @JsonPropertyDescription("Claim phase: Pending, Bound or Lost.")
    private String phase;

    @JsonPropertyDescription("Capacity of the bound volume, e.g. 20Gi.")
    private String capacity;

    @JsonPropertyDescription("StorageClass of the claim.")
    private String storageClass;

    @JsonPropertyDescription("Pod using the claim.")
    private String pod;

    @JsonPropertyDescription("Zone of the pod (and so of the disk).")
    private String zone;

    public ValkeyVolumeStatus() {
    }

    public ValkeyVolumeStatus(String name, String phase, String capacity, String storageClass, String pod,
                              String zone) {
        this.name = name;
        this.phase = phase;
        this.capacity = capacity;
        this.storageClass = storageClass;
        this.pod = pod;
        this.zone = zone;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public String getCapacity() {
        return capacity;
    }

    public void setCapacity(String capacity) {
        this.capacity = capacity;
    }

    public String getStorageClass() {
        return storageClass;
    }

    public void setStorageClass(String storageClass) {
        this.storageClass = storageClass;
    }

    public String getPod() {
        return pod;
    }

    public void setPod(String pod) {
        this.pod = pod;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }
}

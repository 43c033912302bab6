package io.statefulsuite.provisioner.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Progress of a rolling update of the pods (image, config, resources), one pod at a time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ValkeyRolloutStatus {

    @JsonPropertyDescription("The revision of the pod template every pod should run.")
    private String revision;

    @JsonPropertyDescription("Running pods created from that revision.")
    private Integer updated;

    @JsonPropertyDescription("Pods the spec asks for.")
    private Integer total;

    @JsonPropertyDescription("The pod being replaced (or handing over its slots) in the last pass, if any.")
    private String currentPod;

    @JsonPropertyDescription("The shard of that pod.")
    private Integer shard;

    @JsonPropertyDescription("What the rollout did last or waits for.")
    private String message;

    public ValkeyRolloutStatus() {
    }

    public ValkeyRolloutStatus(String revision, Integer updated, Integer total, String currentPod, Integer shard,
                               String message) {
        this.revision = revision;
        this.updated = updated;
        this.total = total;
        this.currentPod = currentPod;
        this.shard = shard;
        this.message = message;
    }

    public String getRevision() {
        return revision;
    }

    public void setRevision(String revision) {
        this.revision = revision;
    }

    public Integer getUpdated() {
        return updated;
    }

    public void setUpdated(Integer updated) {
        this.updated = updated;
    }

    public Integer getTotal() {
        return total;
    }

    public void setTotal(Integer total) {
        this.total = total;
    }

    public String getCurrentPod() {
        return currentPod;
    }

    public void setCurrentPod(String currentPod) {
        this.currentPod = currentPod;
    }

    public Integer getShard() {
        return shard;
    }

    public void setShard(Integer shard) {
        this.shard = shard;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}

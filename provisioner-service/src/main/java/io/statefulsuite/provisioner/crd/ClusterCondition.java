package io.statefulsuite.provisioner.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A Kubernetes-style condition; lastTransitionTime changes only when status changes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterCondition {

    @JsonPropertyDescription("Condition type, e.g. Ready, Provisioned, Formed.")
    private String type;

    @JsonPropertyDescription("True, False or Unknown.")
    private String status;

    @JsonPropertyDescription("One CamelCase word saying why.")
    private String reason;

    @JsonPropertyDescription("Human-readable detail.")
    private String message;

    @JsonPropertyDescription("RFC 3339 time the status last changed.")
    private String lastTransitionTime;

    @JsonPropertyDescription("The metadata.generation this condition was computed for.")
    private Long observedGeneration;

    public ClusterCondition() {
    }

    public ClusterCondition(String type, String status, String reason, String message,
                            String lastTransitionTime, Long observedGeneration) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
        this.lastTransitionTime = lastTransitionTime;
        this.observedGeneration = observedGeneration;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }
}

package io.statefulsuite.provisioner.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The last verdict of valkey-health-service on this cluster, as the provisioner saw it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HealthSummary {

    @JsonPropertyDescription("HEALTHY, DEGRADED, UNHEALTHY or UNKNOWN; UNAVAILABLE when the health service did not answer.")
    private String status;

    @JsonPropertyDescription("When the health service checked the cluster.")
    private String checkedAt;

    @JsonPropertyDescription("Number of findings.")
    private Integer findings;

    @JsonPropertyDescription("The most severe findings, or why there is no verdict.")
    private String message;

    public HealthSummary() {
    }

    public HealthSummary(String status, String checkedAt, Integer findings, String message) {
        this.status = status;
        this.checkedAt = checkedAt;
        this.findings = findings;
        this.message = message;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getCheckedAt() {
        return checkedAt;
    }

    public void setCheckedAt(String checkedAt) {
        this.checkedAt = checkedAt;
    }

    public Integer getFindings() {
        return findings;
    }

    public void setFindings(Integer findings) {
        this.findings = findings;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}

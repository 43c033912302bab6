package io.statefulsuite.provisioner.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;

import java.util.ArrayList;
import java.util.List;

/** Observed state, written by the reconciler only (status subresource). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ValkeyClusterStatus {

    @JsonPropertyDescription("Pending, Provisioning, Bootstrapping, Ready, Degraded, Failed or Deleting.")
    @PrinterColumn(name = "Phase")
    private ClusterPhase phase;

    @JsonPropertyDescription("The metadata.generation the status was computed for.")
    private Long observedGeneration;

    @JsonPropertyDescription("Conditions, one per type.")
    private List<ClusterCondition> conditions = new ArrayList<>();

    @JsonPropertyDescription("Pods with their current role, zone, node and IP.")
    private List<ValkeyPodStatus> pods = new ArrayList<>();

    @JsonPropertyDescription("Persistent volume claims with phase and capacity.")
    private List<ValkeyVolumeStatus> volumes = new ArrayList<>();

    @JsonPropertyDescription("The last health verdict of valkey-health-service; Ready requires HEALTHY.")
    private HealthSummary health;

    @JsonPropertyDescription("Whether every pod runs the current revision of its template, and the progress of a rolling update.")
    private ValkeyRolloutStatus rollout;

    public ClusterPhase getPhase() {
        return phase;
    }

    public void setPhase(ClusterPhase phase) {
        this.phase = phase;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<ClusterCondition> getConditions() {
        return conditions;
    }

    public void setConditions(List<ClusterCondition> conditions) {
        this.conditions = conditions;
    }

    public HealthSummary getHealth() {
        return health;
    }

    public void setHealth(HealthSummary health) {
        this.health = health;
    }

    public List<ValkeyPodStatus> getPods() {
        return pods;
    }

    public void setPods(List<ValkeyPodStatus> pods) {
        this.pods = pods;
    }

    public List<ValkeyVolumeStatus> getVolumes() {
        return volumes;
    }

    public void setVolumes(List<ValkeyVolumeStatus> volumes) {
        this.volumes = volumes;
    }

    public ValkeyRolloutStatus getRollout() {
        return rollout;
    }

    public void setRollout(ValkeyRolloutStatus rollout) {
        this.rollout = rollout;
    }
}

package io.statefulsuite.provisioner.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Requests and limits of the Valkey container; unset values are left to the namespace's defaults. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourcesSpec {

    @JsonPropertyDescription("What the scheduler reserves for each pod.")
    private ComputeQuantities requests;

    @JsonPropertyDescription("The most each pod may use; a memory limit below maxmemory gets the pod OOM-killed.")
    private ComputeQuantities limits;

    public ComputeQuantities getRequests() {
        return requests;
    }

    public void setRequests(ComputeQuantities requests) {
        this.requests = requests;
    }

    public ComputeQuantities getLimits() {
        return limits;
    }

    public void setLimits(ComputeQuantities limits) {
        this.limits = limits;
    }
}

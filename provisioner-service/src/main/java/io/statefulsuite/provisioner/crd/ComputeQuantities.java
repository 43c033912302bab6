package io.statefulsuite.provisioner.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A CPU and a memory quantity in Kubernetes notation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComputeQuantities {

    @JsonPropertyDescription("CPU quantity, e.g. 500m or 2.")
    private String cpu;

    @JsonPropertyDescription("Memory quantity, e.g. 4Gi.")
    private String memory;

    public ComputeQuantities() {
    }

    public ComputeQuantities(String cpu, String memory) {
        this.cpu = cpu;
        this.memory = memory;
    }

    public String getCpu() {
        return cpu;
    }

    public void setCpu(String cpu) {
        this.cpu = cpu;
    }

    public String getMemory() {
        return memory;
    }

    public void setMemory(String memory) {
        this.memory = memory;
    }
}

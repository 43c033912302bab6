package io.statefulsuite.provisioner.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One pod of the cluster as last observed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ValkeyPodStatus {

    @JsonPropertyDescription("Pod name, e.g. cache-primary-0.")
    private String name;

    @JsonPropertyDescription("The Valkey role the node holds now: primary or replica.")
    private String role;

    @JsonPropertyDescription("topology.kubernetes.io/zone of the pod's node.")
    private String zone;

    @JsonPropertyDescription("Name of the node the pod runs on.")
    private String node;

    @JsonPropertyDescription("Pod IP.")
    private String ip;

    @JsonPropertyDescription("Whether the pod is Ready.")
    private Boolean ready;

    public ValkeyPodStatus() {
    }

    public ValkeyPodStatus(String name, String role, String zone, String node, String ip, Boolean ready) {
        this.name = name;
        this.role = role;
        this.zone = zone;
        this.node = node;
        this.ip = ip;
        this.ready = ready;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public String getNode() {
        return node;
    }

    public void setNode(String node) {
        this.node = node;
    }

    public String getIp() {
        return ip;
    }

    public void setIp(String ip) {
        this.ip = ip;
    }

    public Boolean getReady() {
        return ready;
    }

    public void setReady(Boolean ready) {
        this.ready = ready;
    }
}

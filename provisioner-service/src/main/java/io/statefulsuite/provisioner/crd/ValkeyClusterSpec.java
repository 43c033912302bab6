package io.statefulsuite.provisioner.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.List;
import java.util.Map;

/**
 * Desired state of a Valkey cluster. Every field is optional; {@code domain.ResolvedSpec} applies the
 * defaults (those of Microsoft's Valkey-on-AKS reference), so a null here means "use the default".
 *
 * <p>The REST API refuses changes it cannot carry out; the CEL rules below make the API server refuse the most
 * harmful ones also for edits that bypass the REST API (kubectl, GitOps): after a TLS switch, every pod that restarts
 * could no longer talk to the others; and placements no rendering can satisfy (domain.SpecValidator's zone rules,
 * in their closed form for at least 3 shards: replicas need 2 zones, and with exactly 2 an even shard count) would
 * leave pods pending or replicas in their primary's zone. The API server has applied the defaults (shards 3,
 * replicasPerShard 1) before these rules run; without zones the 3 default zones apply.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.tls) == has(oldSelf.tls) && (!has(self.tls) || self.tls == oldSelf.tls)",
        message = "spec.tls cannot be added, removed or changed after creation")
@ValidationRule(value = "!has(self.zones) || size(self.zones) != 1 || self.replicasPerShard == 0",
        message = "spec.zones: replicas need at least 2 zones, a replica never runs in its primary's zone "
                + "(list more zones, or set replicasPerShard to 0)")
@ValidationRule(value = "!has(self.zones) || size(self.zones) != 2 || self.replicasPerShard == 0 "
        + "|| self.shards % 2 == 0",
        message = "spec.zones: with 2 zones the number of shards must be even, or one zone's primaries have more "
                + "replicas than the other zone holds")
@ValidationRule(value = "!has(self.nodeSelector) || !('topology.kubernetes.io/zone' in self.nodeSelector"
        + " || 'failure-domain.beta.kubernetes.io/zone' in self.nodeSelector"
        + " || 'kubernetes.io/hostname' in self.nodeSelector)",
        message = "spec.nodeSelector: zone and host labels are managed by the provisioner; spec.zones places the pods")
public class ValkeyClusterSpec {

    @JsonPropertyDescription("Number of shards, i.e. primaries; the 16384 hash slots are split evenly among them.")
    @PrinterColumn(name = "Shards")
    @Default("3")
    @Min(3)
    @Max(1000)
    private Integer shards;

    @JsonPropertyDescription("Replicas per shard, each placed in a zone other than its primary's.")
    @PrinterColumn(name = "Replicas/Shard")
    @Default("1")
    @Min(0)
    @Max(5)
    private Integer replicasPerShard;

    @JsonPropertyDescription("Availability zones to spread pods over, e.g. [\"1\",\"2\",\"3\"]. "
            + "Default: [\"1\",\"2\",\"3\"].")
    @Size(min = 1)
    private List<String> zones;

    @JsonPropertyDescription("Azure region, e.g. westeurope. When set, the node label topology.kubernetes.io/zone "
            + "of zone z is <region>-<z>; when not set, it is z as given.")
    private String region;

    @JsonPropertyDescription("Node labels the pods must run on. Default: {agentpool: valkey}.")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Container image running valkey-server (or redis-server). Default: valkey/valkey:8.1.")
    @Default("valkey/valkey:8.1")
    private String image;

    @JsonPropertyDescription("CPU and memory requests and limits of the Valkey container.")
    private ResourcesSpec resources;

    @JsonPropertyDescription("The persistent volume of each pod, mounted at /data.")
    private StorageSpec storage;

    @JsonPropertyDescription("Append-only file and RDB snapshot settings.")
    private PersistenceSpec persistence;

    @JsonPropertyDescription("The Secret holding the password clients and replicas authenticate with.")
    private AuthSpec auth;

    @JsonPropertyDescription("TLS on the client port, for replication and on the cluster bus, with the certificate "
            + "of a kubernetes.io/tls Secret. Unset: plain TCP. Cannot be added, removed or changed later.")
    private TlsSpec tls;

    @JsonPropertyDescription("valkey.conf maxmemory, e.g. 2gb or 2147483648. Unset: no limit.")
    private String maxmemory;

    @JsonPropertyDescription("valkey.conf maxmemory-policy, e.g. allkeys-lru. Unset: noeviction.")
    private String maxmemoryPolicy;

    @JsonPropertyDescription("Extra valkey.conf directives from an allow-list (e.g. timeout, tcp-keepalive, "
            + "maxclients, slowlog-log-slower-than); directives the suite manages are rejected.")
    private Map<String, String> config;

    public Integer getShards() {
        return shards;
    }

    public void setShards(Integer shards) {
        this.shards = shards;
    }

    public Integer getReplicasPerShard() {
        return replicasPerShard;
    }

    public void setReplicasPerShard(Integer replicasPerShard) {
        this.replicasPerShard = replicasPerShard;
    }

    public List<String> getZones() {
        return zones;
    }

    public void setZones(List<String> zones) {
        this.zones = zones;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public ResourcesSpec getResources() {
        return resources;
    }

    public void setResources(ResourcesSpec resources) {
        this.resources = resources;
    }

    public StorageSpec getStorage() {
        return storage;
    }

    public void setStorage(StorageSpec storage) {
        this.storage = storage;
    }

    public PersistenceSpec getPersistence() {
        return persistence;
    }

    public void setPersistence(PersistenceSpec persistence) {
        this.persistence = persistence;
    }

    public AuthSpec getAuth() {
        return auth;
    }

    public void setAuth(AuthSpec auth) {
        this.auth = auth;
    }

    public TlsSpec getTls() {
        return tls;
    }

    public void setTls(TlsSpec tls) {
        this.tls = tls;
    }

    public String getMaxmemory() {
        return maxmemory;
    }

    public void setMaxmemory(String maxmemory) {
        this.maxmemory = maxmemory;
    }

    public String getMaxmemoryPolicy() {
        return maxmemoryPolicy;
    }

    public void setMaxmemoryPolicy(String maxmemoryPolicy) {
        this.maxmemoryPolicy = maxmemoryPolicy;
    }

    public Map<String, String> getConfig() {
        return config;
    }

    public void setConfig(Map<String, String> config) {
        this.config = config;
    }
}

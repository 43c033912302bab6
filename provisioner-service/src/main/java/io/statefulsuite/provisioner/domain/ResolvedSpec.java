package io.statefulsuite.provisioner.domain;

import io.statefulsuite.provisioner.crd.AuthSpec;
import io.statefulsuite.provisioner.crd.ComputeQuantities;
import io.statefulsuite.provisioner.crd.PersistenceSpec;
import io.statefulsuite.provisioner.crd.ResourcesSpec;
import io.statefulsuite.provisioner.crd.StorageClassSpec;
import io.statefulsuite.provisioner.crd.StorageSpec;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A {@link ValkeyClusterSpec} with every default applied (those of Microsoft's Valkey-on-AKS reference), so
 * renderers and the reconciler never deal with nulls. Quantities are kept as the user wrote them; the
 * validator has checked they parse.
 *
 * @param region             Azure region or {@code null}; see {@link #zoneLabels()}
 * @param requests           container requests by resource name (cpu, memory); empty when none
 * @param limits             container limits by resource name; empty when none
 * @param inlineStorageClass the StorageClass to create, defaults applied, or {@code null} to use an existing one
 * @param tlsSecretName      the {@code kubernetes.io/tls} Secret of the nodes, or {@code null} for plain TCP
 * @param maxmemory          valkey.conf maxmemory or {@code null} (no limit)
 * @param maxmemoryPolicy    valkey.conf maxmemory-policy or {@code null} (server default, noeviction)
 * @param config             extra allow-listed directives, sorted by key
 */
public record ResolvedSpec(int shards, int replicasPerShard, List<String> zones, String region,
                           Map<String, String> nodeSelector, String image,
                           Map<String, String> requests, Map<String, String> limits,
                           String storageSize, String storageClassName, StorageClassSpec inlineStorageClass,
                           boolean aof, String appendfsync, List<String> rdbSave,
                           String authSecretName, String passwordKey, String tlsSecretName,
                           String maxmemory, String maxmemoryPolicy, Map<String, String> config) {

    public static final int DEFAULT_SHARDS = 3;
    public static final int DEFAULT_REPLICAS_PER_SHARD = 1;
    public static final List<String> DEFAULT_ZONES = List.of("1", "2", "3");
    public static final Map<String, String> DEFAULT_NODE_SELECTOR = Map.of("agentpool", "valkey");
    public static final String DEFAULT_IMAGE = "valkey/valkey:8.1";
    public static final String DEFAULT_STORAGE_SIZE = "20Gi";
    public static final String DEFAULT_STORAGE_CLASS = "managed-csi-premium";
    public static final String DEFAULT_APPENDFSYNC = "everysec";
    public static final String DEFAULT_PASSWORD_KEY = "password";
    public static final String DEFAULT_RECLAIM_POLICY = "Delete";
    public static final String DEFAULT_VOLUME_BINDING_MODE = "WaitForFirstConsumer";

    public ResolvedSpec {
        zones = List.copyOf(zones);
        nodeSelector = Map.copyOf(nodeSelector);
        requests = Map.copyOf(requests);
        limits = Map.copyOf(limits);
        rdbSave = List.copyOf(rdbSave);
        config = Collections.unmodifiableMap(new TreeMap<>(config));
    }

    /** Applies the defaults to {@code spec} (which may be null) of cluster {@code name} in {@code namespace}. */
    public static ResolvedSpec resolve(String namespace, String name, ValkeyClusterSpec spec) {
        ValkeyClusterSpec s = spec == null ? new ValkeyClusterSpec() : spec;
        StorageSpec storage = orEmpty(s.getStorage(), StorageSpec::new);
        PersistenceSpec persistence = orEmpty(s.getPersistence(), PersistenceSpec::new);
        AuthSpec auth = orEmpty(s.getAuth(), AuthSpec::new);
        ResourcesSpec resources = orEmpty(s.getResources(), ResourcesSpec::new);
        StorageClassSpec inlineClass = storage.getStorageClass() == null ? null
                : resolveStorageClass(defaultStorageClassName(namespace, name), storage.getStorageClass());
        String storageClassName = inlineClass != null ? inlineClass.getName()
                : Objects.requireNonNullElse(storage.getStorageClassName(), DEFAULT_STORAGE_CLASS);
        return new ResolvedSpec(
                Objects.requireNonNullElse(s.getShards(), DEFAULT_SHARDS),
                Objects.requireNonNullElse(s.getReplicasPerShard(), DEFAULT_REPLICAS_PER_SHARD),
                Objects.requireNonNullElse(s.getZones(), DEFAULT_ZONES),
                s.getRegion(),
                Objects.requireNonNullElse(s.getNodeSelector(), DEFAULT_NODE_SELECTOR),
                Objects.requireNonNullElse(s.getImage(), DEFAULT_IMAGE),
                quantities(resources.getRequests()),
                quantities(resources.getLimits()),
                Objects.requireNonNullElse(storage.getSize(), DEFAULT_STORAGE_SIZE),
                storageClassName,
                inlineClass,
                Objects.requireNonNullElse(persistence.getAof(), true),
                Objects.requireNonNullElse(persistence.getAppendfsync(), DEFAULT_APPENDFSYNC),
                Objects.requireNonNullElse(persistence.getRdbSave(), List.of()),
                Objects.requireNonNullElse(auth.getSecretName(), name + "-auth"),
                Objects.requireNonNullElse(auth.getPasswordKey(), DEFAULT_PASSWORD_KEY),
                s.getTls() == null ? null : s.getTls().getSecretName(),
                s.getMaxmemory(),
                s.getMaxmemoryPolicy(),
                Objects.requireNonNullElse(s.getConfig(), Map.of()));
    }

    /** Default name of an inline StorageClass: cluster-scoped, so it carries the namespace too. */
    public static String defaultStorageClassName(String namespace, String name) {
        return "valkey-" + namespace + "-" + name;
    }

    /** Whether clients, replication and the cluster bus use TLS (see {@link #tlsSecretName()}). */
    public boolean tls() {
        return tlsSecretName != null;
    }

    /** Replica pods in all: {@code shards * replicasPerShard}. */
    public int replicaCount() {
        return shards * replicasPerShard;
    }

    /** Names of the pods the StatefulSets of cluster {@code name} have when complete: primaries, then replicas. */
    public List<String> podNames(String name) {
        return Stream.concat(
                IntStream.range(0, shards).mapToObj(ordinal -> ClusterNames.pod(name, Component.PRIMARY, ordinal)),
                IntStream.range(0, replicaCount()).mapToObj(ordinal -> ClusterNames.pod(name, Component.REPLICA,
                        ordinal))).toList();
    }

    /** Values of the nodes' {@code topology.kubernetes.io/zone} label, one per zone, in spec order. */
    public List<String> zoneLabels() {
        return zones.stream().map(this::zoneLabel).toList();
    }

    /** {@code <region>-<zone>} when a region is set (as AKS labels zones), else the zone as given. */
    public String zoneLabel(String zone) {
        return region == null || region.isEmpty() ? zone : region + "-" + zone;
    }

    public Optional<StorageClassSpec> storageClassToCreate() {
        return Optional.ofNullable(inlineStorageClass);
    }

    /** A copy of {@code given} with every default applied; {@code defaultName} when it has no name. */
    public static StorageClassSpec resolveStorageClass(String defaultName, StorageClassSpec given) {
        StorageClassSpec resolved = new StorageClassSpec(given.getSkuName());
        resolved.setName(Objects.requireNonNullElse(given.getName(), defaultName));
        resolved.setReclaimPolicy(Objects.requireNonNullElse(given.getReclaimPolicy(), DEFAULT_RECLAIM_POLICY));
        resolved.setAllowVolumeExpansion(Objects.requireNonNullElse(given.getAllowVolumeExpansion(), true));
        resolved.setVolumeBindingMode(
                Objects.requireNonNullElse(given.getVolumeBindingMode(), DEFAULT_VOLUME_BINDING_MODE));
        return resolved;
    }

    /** Resource name (cpu, memory) to quantity, for the values that are set. */
    static Map<String, String> quantities(ComputeQuantities given) {
        Map<String, String> byResource = new LinkedHashMap<>();
        if (given != null) {
            putIfSet(byResource, "cpu", given.getCpu());
            putIfSet(byResource, "memory", given.getMemory());
        }
        return byResource;
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static <T> T orEmpty(T value, Supplier<T> empty) {
        return value != null ? value : empty.get();
    }
}

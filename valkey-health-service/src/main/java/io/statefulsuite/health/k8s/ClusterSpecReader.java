package io.statefulsuite.health.k8s;

import io.statefulsuite.health.domain.ExpectedTopology;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the parts of a ValkeyCluster spec this service needs, from the generic resource (so the service does not
 * depend on the provisioner's classes). Missing fields take the defaults of CONTRACTS.md.
 */
public final class ClusterSpecReader {

    public static final String GROUP_VERSION = "stateful.suite.io/v1alpha1";
    public static final String KIND = "ValkeyCluster";

    private ClusterSpecReader() {
    }

    /** Where the cluster's password is: Secret name and key. */
    public record SecretRef(String name, String key) {
    }

    public static ExpectedTopology expected(GenericKubernetesResource resource) {
        Map<String, Object> spec = map(resource.getAdditionalProperties().get("spec"));
        Map<String, Object> persistence = map(spec.get("persistence"));
        return ExpectedTopology.fromSpec(ExpectedTopology.Source.CUSTOM_RESOURCE, integer(spec.get("shards")),
                integer(spec.get("replicasPerShard")), strings(spec.get("zones")), string(spec.get("region")),
                persistence.get("aof") instanceof Boolean aof ? aof : null, string(persistence.get("appendfsync")),
                strings(persistence.get("rdbSave")));
    }

    public static SecretRef auth(GenericKubernetesResource resource, String clusterName) {
        Map<String, Object> auth = resource == null ? Map.of()
                : map(map(resource.getAdditionalProperties().get("spec")).get("auth"));
        String name = string(auth.get("secretName"));
        String key = string(auth.get("passwordKey"));
        return new SecretRef(name == null ? clusterName + "-auth" : name, key == null ? "password" : key);
    }

    /** The Secret with the certificates of a TLS cluster; {@code secretName} is null in an invalid spec. */
    public record TlsRef(String secretName) {
    }

    /**
     * Present when the spec has {@code tls} at all (the cluster serves TLS only), even without a secretName: such a
     * cluster must never be talked to over plain TCP. Empty = plain TCP.
     */
    public static Optional<TlsRef> tls(GenericKubernetesResource resource) {
        Object tls = resource == null ? null : map(resource.getAdditionalProperties().get("spec")).get("tls");
        return tls == null ? Optional.empty() : Optional.of(new TlsRef(string(map(tls).get("secretName"))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static Integer integer(Object value) {
        return value instanceof Number number ? number.intValue() : null;
    }

    private static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : null;
    }
}

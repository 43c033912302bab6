package io.statefulsuite.provisioner.manifests;

import io.statefulsuite.provisioner.crd.PersistenceSpec;
import io.statefulsuite.provisioner.crd.TlsSpec;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ValkeyConfFileTest {

    @Test
    void theDefaultIsTheReferenceClusterConfigWithThePasswordIncludedLast() {
        List<String> lines = lines(null);

        assertThat(lines).filteredOn(l -> !l.startsWith("#")).containsExactly(
                "port 6379",
                "bind * -::*",
                "protected-mode yes",
                "dir /data",
                "cluster-enabled yes",
                "cluster-config-file /data/nodes.conf",
                "cluster-node-timeout 15000",
                "appendonly yes",
                "appendfsync everysec",
                "save \"\"",
                "include /run/valkey/auth.conf");
    }

    @Test
    void persistenceMemoryAndAllowListedDirectivesAreRenderedBeforeTheInclude() {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        spec.setPersistence(new PersistenceSpec(false, "no", List.of("900 1", "300 10")));
        spec.setMaxmemory("2Gi");
        spec.setMaxmemoryPolicy("allkeys-lru");
        spec.setConfig(Map.of("timeout", "300", "client-output-buffer-limit", "pubsub 32mb 8mb 60"));

        List<String> lines = lines(spec);

        assertThat(lines).contains("appendonly no", "appendfsync no", "save 900 1 300 10",
                "maxmemory 2147483648", "maxmemory-policy allkeys-lru", "timeout 300",
                "client-output-buffer-limit pubsub 32mb 8mb 60");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("include /run/valkey/auth.conf");
    }

    @Test
    void withTlsTheClientPortReplicationAndTheBusSpeakOnlyTlsWithTheMountedCertificate() {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        spec.setTls(new TlsSpec("orders-tls"));

        List<String> lines = lines(spec).stream().filter(l -> !l.startsWith("#")).toList();

        assertThat(lines.subList(0, 8)).containsExactly(
                "port 0",
                "tls-port 6379",
                "tls-cert-file /etc/valkey/tls/tls.crt",
                "tls-key-file /etc/valkey/tls/tls.key",
                "tls-ca-cert-file /etc/valkey/tls/ca.crt",
                "tls-auth-clients no",
                "tls-replication yes",
                "tls-cluster yes");
        assertThat(lines).doesNotContain("port 6379").containsSequence("bind * -::*", "protected-mode yes")
                .endsWith("include /run/valkey/auth.conf");
    }

    private static List<String> lines(ValkeyClusterSpec spec) {
        return ValkeyConfFile.render("cache", "orders", ResolvedSpec.resolve("cache", "orders", spec)).lines().toList();
    }
}

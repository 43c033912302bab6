package io.statefulsuite.testkit.valkey;

import io.statefulsuite.keyvault.emulator.EmulatorTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ValkeyNodeTest {

    @TempDir
    Path work;

    @Test
    void aofDataSurvivesAKillAndARestartOnANewAddress() {
        ValkeyNode node = ValkeyNode.builder().workDir(work).password("s3cret-test").clusterEnabled(true).start();
        try {
            node.command("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
            awaitClusterOk(node);
            node.command("SET", "greeting", "hello");
            node.kill();
            String newHost = LoopbackAddresses.allocate(6379, 16379);
            node = node.restartOn(newHost);

            awaitClusterOk(node);
            assertThat(node.host()).isEqualTo(newHost);
            assertThat(node.command("GET", "greeting")).isEqualTo("hello");
            assertThat(node.command("CLUSTER", "MYID")).asString().hasSize(40);
        } finally {
            node.close();
        }
    }

    private static void awaitClusterOk(ValkeyNode node) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> String.valueOf(node.command("CLUSTER", "INFO")).contains("cluster_state:ok"));
    }

    @Test
    void aWrongPasswordIsRefusedByTheServer() {
        try (ValkeyNode node = ValkeyNode.builder().workDir(work).password("right").start()) {
            assertThatThrownBy(() -> new RespClient(node.host(), node.port(), "wrong"))
                    .isInstanceOf(RespException.class)
                    .hasMessageContaining("WRONGPASS");
        }
    }

    @Test
    void aTlsNodeReplicatesOverTlsAndRefusesPlainClients() throws Exception {
        EmulatorTls.PemFiles pem = EmulatorTls.generate(List.of()).writePemFiles(work.resolve("tls"));
        ValkeyNode.Builder tlsNode = ValkeyNode.builder().password("s3cret-test")
                .tls(pem.certificate(), pem.privateKey(), pem.caCertificate());
        try (ValkeyNode primary = tlsNode.workDir(work.resolve("a")).start();
             ValkeyNode replica = ValkeyNode.builder().password("s3cret-test").workDir(work.resolve("b"))
                     .tls(pem.certificate(), pem.privateKey(), pem.caCertificate()).start()) {
            replica.command("REPLICAOF", primary.host(), String.valueOf(primary.port()));
            primary.command("SET", "greeting", "over tls");

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> "over tls".equals(replica.command("GET", "greeting")));
            assertThatThrownBy(() -> new RespClient(primary.host(), primary.port(), "s3cret-test").command("PING"))
                    .isInstanceOf(RespException.class);
        }
    }
}

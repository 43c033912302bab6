package io.statefulsuite.provisioner.valkey;

import io.statefulsuite.keyvault.emulator.EmulatorTls;
import io.statefulsuite.provisioner.domain.NodeTransport;
import io.statefulsuite.testkit.valkey.ValkeyNode;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeConnectionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final Vertx vertx = Vertx.vertx();

    @TempDir
    Path workDir;

    @AfterEach
    void closeVertx() {
        vertx.closeAndAwait();
    }

    @Test
    void bracketsIpv6PodIpsInTheConnectionString() {
        assertThat(NodeConnections.connectionString("10.244.1.7", NodeTransport.PLAIN))
                .isEqualTo("redis://10.244.1.7:6379");
        assertThat(NodeConnections.connectionString("fd00:10:244::7", NodeTransport.PLAIN))
                .isEqualTo("redis://[fd00:10:244::7]:6379");
        assertThat(NodeConnections.connectionString("::1", NodeTransport.PLAIN)).isEqualTo("redis://[::1]:6379");
        assertThat(NodeConnections.connectionString("10.244.1.7", NodeTransport.tls(new byte[0])))
                .isEqualTo("rediss://10.244.1.7:6379");
    }

    @Test
    void talksToANodeOnAnIpv6Address() {
        try (ValkeyNode node = ValkeyNode.builder().host("::1").workDir(workDir).password("pw-ipv6").start();
             NodeConnections connections = new NodeConnections(vertx, "pw-ipv6", NodeTransport.PLAIN, TIMEOUT)) {
            assertThat(connections.send("::1", Command.PING)).isEqualTo("PONG");
        }
    }

    /** The node's certificate names localhost, not the node's address: as with pod IPs, the host is not checked. */
    @Test
    void talksTlsToANodeWhoseCertificateTheClustersCaSignedWhateverItsAddress() throws IOException {
        EmulatorTls.PemFiles pem = EmulatorTls.generate(List.of()).writePemFiles(workDir.resolve("tls"));
        try (ValkeyNode node = tlsNode(pem);
             NodeConnections connections = new NodeConnections(vertx, "pw-tls", tls(pem.caCertificate()), TIMEOUT)) {
            assertThat(node.host()).isNotEqualTo("127.0.0.1");
            assertThat(connections.send(node.host(), Command.PING)).isEqualTo("PONG");
        }
    }

    @Test
    void refusesANodeWhoseCertificateAnotherCaSigned() throws IOException {
        EmulatorTls.PemFiles pem = EmulatorTls.generate(List.of()).writePemFiles(workDir.resolve("tls"));
        EmulatorTls.PemFiles stranger = EmulatorTls.generate(List.of()).writePemFiles(workDir.resolve("other"));
        try (ValkeyNode node = tlsNode(pem);
             NodeConnections connections = new NodeConnections(vertx, "pw-tls", tls(stranger.caCertificate()),
                     TIMEOUT)) {
            assertThatThrownBy(() -> connections.send(node.host(), Command.PING)).isInstanceOf(RuntimeException.class);
            assertThat(node.client().text("PING")).as("the node itself is fine").isEqualTo("PONG");
        }
    }

    private ValkeyNode tlsNode(EmulatorTls.PemFiles pem) {
        return ValkeyNode.builder().workDir(workDir).password("pw-tls")
                .tls(pem.certificate(), pem.privateKey(), pem.caCertificate()).start();
    }

    private static NodeTransport tls(Path caFile) throws IOException {
        return NodeTransport.tls(Files.readAllBytes(caFile));
    }
}

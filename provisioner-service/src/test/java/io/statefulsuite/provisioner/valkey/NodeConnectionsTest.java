package io.statefulsuite.provisioner.valkey;

import io.statefulsuite.testkit.valkey.ValkeyNode;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class NodeConnectionsTest {

    @TempDir
    Path workDir;

    @Test
    void bracketsIpv6PodIpsInTheConnectionString() {
        assertThat(NodeConnections.connectionString("10.244.1.7")).isEqualTo("redis://10.244.1.7:6379");
        assertThat(NodeConnections.connectionString("fd00:10:244::7")).isEqualTo("redis://[fd00:10:244::7]:6379");
        assertThat(NodeConnections.connectionString("::1")).isEqualTo("redis://[::1]:6379");
    }

    @Test
    void talksToANodeOnAnIpv6Address() {
        Vertx vertx = Vertx.vertx();
        try (ValkeyNode node = ValkeyNode.builder().host("::1").workDir(workDir).password("pw-ipv6").start();
             NodeConnections connections = new NodeConnections(vertx, "pw-ipv6", Duration.ofSeconds(5))) {
            assertThat(connections.send("::1", Command.PING)).isEqualTo("PONG");
        } finally {
            vertx.closeAndAwait();
        }
    }
}

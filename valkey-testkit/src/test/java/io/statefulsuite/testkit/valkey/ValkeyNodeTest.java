package io.statefulsuite.testkit.valkey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

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
}

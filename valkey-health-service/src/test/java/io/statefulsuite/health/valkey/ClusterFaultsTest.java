package io.statefulsuite.health.valkey;

import io.statefulsuite.health.domain.CheckPlan;
import io.statefulsuite.health.domain.Finding;
import io.statefulsuite.health.domain.HealthReport;
import io.statefulsuite.health.domain.HealthStatus;
import io.statefulsuite.health.domain.IntendedRole;
import io.statefulsuite.health.domain.NodeTarget;
import io.statefulsuite.health.domain.Severity;
import io.statefulsuite.health.support.Checks;
import io.statefulsuite.health.support.TestCluster;
import io.statefulsuite.testkit.valkey.ValkeyNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.statefulsuite.health.support.Checks.expected;
import static io.statefulsuite.health.support.Checks.finding;
import static io.statefulsuite.health.support.TestCluster.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults that a shared 6-node cluster recovers from (each test restores what it broke), checked through the
 * explicit-endpoints path against real server processes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterFaultsTest {

    private TestCluster cluster;
    private Checks checks;

    @BeforeAll
    void startCluster(@TempDir Path work) {
        cluster = TestCluster.start(work, 3);
        checks = new Checks();
    }

    @AfterAll
    void stopCluster() {
        checks.close();
        cluster.close();
    }

    @Test
    void aHealthyClusterIsHealthyWithItsTopologyAndAMeasuredReplicationDelay() {
        HealthReport report = checks.check(CheckPlan.of(cluster.targets(), expected(3), Checks.TIMEOUT)
                .withProbes(true, false), PASSWORD);

        assertThat(report.findings()).filteredOn(f -> f.severity() != Severity.INFO).isEmpty();
        assertThat(report.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(report.topology().shards()).hasSize(3).allSatisfy(shard -> {
            assertThat(shard.primary().pod()).startsWith("vk-primary-");
            assertThat(shard.replicas()).singleElement().satisfies(r -> assertThat(r.zone()).isNotEqualTo(shard.primary().zone()));
        });
        assertThat(report.topology().shards().get(0).slots()).isEqualTo("0-5460");
    }

    @Test
    void aofSwitchedOffOnANodeIsReported() {
        ValkeyNode node = cluster.replica(1);
        node.command("CONFIG", "SET", "appendonly", "no");
        try {
            HealthReport report = checks.check(cluster.targets(), expected(3), PASSWORD);

            assertThat(finding(report, "persistence.aof-disabled", "vk-replica-1")).get()
                    .satisfies(f -> assertThat(f.observed()).isEqualTo("appendonly no"));
            assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        } finally {
            node.command("CONFIG", "SET", "appendonly", "yes");
        }
    }

    @Test
    void deletedSlotsAreReportedAsUnassigned() {
        ValkeyNode primary = cluster.primary(2);
        primary.command("CLUSTER", "DELSLOTSRANGE", "16000", "16383");
        try {
            HealthReport report = checks.check(cluster.targets(), expected(3), PASSWORD);

            Finding slots = finding(report, "cluster.slots-unassigned", null).orElseThrow();
            assertThat(slots.observed()).contains("16000-16383");
            assertThat(slots.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
        } finally {
            primary.command("CLUSTER", "ADDSLOTSRANGE", "16000", "16383");
            cluster.awaitHealthy();
        }
    }

    @Test
    void aWrongPasswordGivesAnAuthFindingPerNodeAndNoVerdictOnTheData() {
        HealthReport report = checks.check(cluster.targets(), expected(3), "not-the-password");

        assertThat(report.findings()).filteredOn(f -> f.check().equals("node.auth")).hasSize(6)
                .allSatisfy(f -> assertThat(f.message()).doesNotContain("not-the-password"));
        assertThat(report.status()).isEqualTo(HealthStatus.UNKNOWN);
    }

    @Test
    void aNodeThatNeverAnswersTimesOutWhileTheOthersAreChecked() throws IOException {
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> acceptForever(silent, accepted));
            acceptor.start();
            List<NodeTarget> targets = new ArrayList<>(cluster.targets());
            targets.add(NodeTarget.endpoint("127.0.0.1", silent.getLocalPort(), "1", IntendedRole.UNKNOWN));

            HealthReport report = checks.check(targets, expected(3), PASSWORD);

            assertThat(finding(report, "node.timeout", "127.0.0.1:" + silent.getLocalPort())).get()
                    .satisfies(f -> assertThat(f.observed()).isEqualTo("no answer within " + Checks.TIMEOUT.toMillis() + " ms"));
            assertThat(report.topology().shards()).hasSize(3)
                    .allSatisfy(s -> assertThat(s.primary().offset()).isNotNull());
            assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        }
    }

    private static void acceptForever(ServerSocket server, List<Socket> accepted) {
        try {
            while (true) {
                accepted.add(server.accept());
            }
        } catch (IOException closed) {
            accepted.forEach(ClusterFaultsTest::closeQuietly);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the test is over; the socket only existed to never answer
        }
    }

    @Test
    void aPrimaryAndItsReplicaInOneZoneIsAZoneViolation() {
        List<NodeTarget> targets = new ArrayList<>(cluster.targets());
        NodeTarget replica = targets.get(1);
        targets.set(1, new NodeTarget(replica.name(), replica.host(), replica.port(), "1", replica.intendedRole(), null));

        HealthReport report = checks.check(targets, expected(3), PASSWORD);

        assertThat(finding(report, "zone.primary-replica-same-zone", "vk-replica-0")).get()
                .satisfies(f -> {
                    assertThat(f.shard()).isZero();
                    assertThat(f.observed()).isEqualTo("vk-primary-0 and vk-replica-0 both in zone 1");
                });
    }

    @Test
    void aStoppedReplicaIsALinkDownFinding() {
        ValkeyNode replica = cluster.replica(2);
        replica.stop();
        try {
            AtomicReference<HealthReport> last = new AtomicReference<>();
            Awaitility.await().atMost(TestCluster.CONVERGENCE).until(() -> {
                last.set(checks.check(cluster.targets(), expected(3), PASSWORD));
                return finding(last.get(), "replication.link-down", "vk-replica-2").isPresent();
            });
            HealthReport report = last.get();
            assertThat(finding(report, "replication.link-down", "vk-replica-2")).get()
                    .satisfies(f -> assertThat(f.observed()).startsWith("not connected to vk-primary-2"));
            assertThat(finding(report, "node.unreachable", "vk-replica-2")).isPresent();
            assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        } finally {
            cluster.restartReplica(2);
            cluster.awaitHealthy();
        }
    }
}

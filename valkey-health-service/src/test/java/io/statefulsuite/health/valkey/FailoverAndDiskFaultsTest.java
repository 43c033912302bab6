package io.statefulsuite.health.valkey;

import io.statefulsuite.health.domain.CheckPlan;
import io.statefulsuite.health.domain.ClusterHistory;
import io.statefulsuite.health.domain.ExpectedTopology;
import io.statefulsuite.health.domain.HealthReport;
import io.statefulsuite.health.domain.HealthStatus;
import io.statefulsuite.health.domain.IntendedRole;
import io.statefulsuite.health.domain.Severity;
import io.statefulsuite.health.domain.Transition;
import io.statefulsuite.health.support.Checks;
import io.statefulsuite.health.support.TestCluster;
import io.statefulsuite.testkit.valkey.ValkeyNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static io.statefulsuite.health.support.Checks.expected;
import static io.statefulsuite.health.support.Checks.finding;
import static io.statefulsuite.health.support.TestCluster.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** Faults that leave lasting damage, each on its own servers. */
class FailoverAndDiskFaultsTest {

    @Test
    void aKilledPrimaryFailsOverIsDegradedThenHealthyAfterFailbackAndTheFailoverIsRecorded(@TempDir Path work) {
        try (TestCluster cluster = TestCluster.start(work, 3); Checks checks = new Checks()) {
            ClusterHistory history = new ClusterHistory(50);
            assertThat(recordCheck(checks, cluster, history).status()).isEqualTo(HealthStatus.HEALTHY);

            cluster.primary(0).kill();
            HealthReport failedOver = checkUntil(checks, cluster, history, r -> r.status() == HealthStatus.DEGRADED
                    && "vk-replica-0".equals(r.topology().shards().get(0).primary().pod()));

            assertThat(finding(failedOver, "topology.primary-drifted", "vk-replica-0")).isPresent();
            assertThat(finding(failedOver, "replication.replicas-missing", "vk-replica-0")).get()
                    .satisfies(f -> assertThat(f.observed()).isEqualTo("0 online replica(s)"));
            assertThat(finding(failedOver, "node.unreachable", "vk-primary-0")).isPresent();
            assertThat(failedOver.findings()).noneMatch(f -> f.severity() == Severity.CRITICAL);
            assertThat(history.transitions()).anySatisfy(t -> {
                assertThat(t.kind()).isEqualTo(Transition.Kind.FAILOVER);
                assertThat(t.shard()).isZero();
                assertThat(t.from()).isEqualTo("vk-primary-0");
                assertThat(t.to()).isEqualTo("vk-replica-0");
            });

            cluster.restartPrimary(0);
            ValkeyNode returned = cluster.primary(0);
            Awaitility.await().atMost(TestCluster.CONVERGENCE).ignoreExceptions().until(() ->
                    String.valueOf(returned.command("INFO", "replication")).contains("master_link_status:up"));
            returned.command("CLUSTER", "FAILOVER");
            HealthReport recovered = checkUntil(checks, cluster, history, r -> r.status() == HealthStatus.HEALTHY);

            assertThat(recovered.topology().shards().get(0).primary().pod()).isEqualTo("vk-primary-0");
            assertThat(history.transitions()).anySatisfy(t -> {
                assertThat(t.kind()).isEqualTo(Transition.Kind.RECOVERED);
                assertThat(t.recoveryMillis()).isPositive();
            });
        }
    }

    private static HealthReport recordCheck(Checks checks, TestCluster cluster, ClusterHistory history) {
        HealthReport report = checks.check(cluster.targets(), expected(3), PASSWORD);
        history.record(report);
        return report;
    }

    private static HealthReport checkUntil(Checks checks, TestCluster cluster, ClusterHistory history,
                                           Predicate<HealthReport> condition) {
        AtomicReference<HealthReport> last = new AtomicReference<>();
        Awaitility.await().atMost(TestCluster.CONVERGENCE).pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> {
                    last.set(recordCheck(checks, cluster, history));
                    return condition.test(last.get());
                });
        return last.get();
    }

    @Test
    void anUnwritableDataDirTurnsTheForcedSnapshotAndRewriteIntoFindings(@TempDir Path work) throws IOException {
        try (ValkeyNode node = ValkeyNode.builder().workDir(work).password(PASSWORD).appendOnly(true).start();
             Checks checks = new Checks()) {
            node.command("SET", "before", "the disk went away");
            deleteRecursively(node.dataDir());
            ExpectedTopology aofExpected = new ExpectedTopology(ExpectedTopology.Source.REQUEST, null, null, null,
                    true, "everysec", null);
            CheckPlan plan = CheckPlan.of(List.of(TestCluster.target("standalone-0", node, "1", IntendedRole.PRIMARY)),
                    aofExpected, Checks.TIMEOUT).withProbes(false, true);

            HealthReport report = checks.check(plan, PASSWORD);

            assertThat(finding(report, "persistence.rdb-bgsave-failed", "standalone-0")).get()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
            assertThat(finding(report, "persistence.aof-rewrite-failed", "standalone-0")).get()
                    .satisfies(f -> assertThat(f.observed()).isEqualTo("aof_last_bgrewrite_status:err"));
            assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

package io.statefulsuite.health.support;

import io.statefulsuite.health.domain.CheckPlan;
import io.statefulsuite.health.domain.ExpectedTopology;
import io.statefulsuite.health.domain.Finding;
import io.statefulsuite.health.domain.HealthReport;
import io.statefulsuite.health.domain.NodeAccess;
import io.statefulsuite.health.domain.NodeTarget;
import io.statefulsuite.health.domain.Thresholds;
import io.statefulsuite.health.valkey.ClusterChecker;
import io.statefulsuite.health.valkey.ValkeyConnections;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A ClusterChecker on its own Vert.x, outside Quarkus, for fast tests against real servers. */
public final class Checks implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofMillis(3_000);

    private final Vertx vertx = Vertx.vertx();
    private final ValkeyConnections connections = new ValkeyConnections(vertx, ValkeyConnections.Settings.DEFAULTS);
    /** Defaults, except a canary delay limit that a starved CI machine does not trip. */
    private static final Thresholds THRESHOLDS = new Thresholds(Thresholds.DEFAULTS.lagBytesWarning(),
            Thresholds.DEFAULTS.lagBytesCritical(), Thresholds.DEFAULTS.lagSecondsWarning(),
            Thresholds.DEFAULTS.lastIoSecondsWarning(), 5_000);
    private final ClusterChecker checker = new ClusterChecker(connections, THRESHOLDS, Duration.ofSeconds(20));

    /** The ValkeyCluster defaults for a 3-shard, 1-replica cluster over zones 1..3 with AOF. */
    public static ExpectedTopology expected(int shards) {
        return ExpectedTopology.fromSpec(ExpectedTopology.Source.REQUEST, shards, 1, List.of("1", "2", "3"), null,
                true, "everysec", List.of());
    }

    public HealthReport check(List<NodeTarget> targets, ExpectedTopology expected, String password) {
        return check(CheckPlan.of(targets, expected, TIMEOUT), password);
    }

    public HealthReport check(CheckPlan plan, String password) {
        return check(plan, NodeAccess.plain(password));
    }

    public HealthReport check(CheckPlan plan, NodeAccess access) {
        return checkAsync(plan, access).await().atMost(Duration.ofSeconds(60));
    }

    public Uni<HealthReport> checkAsync(CheckPlan plan, String password) {
        return checkAsync(plan, NodeAccess.plain(password));
    }

    public Uni<HealthReport> checkAsync(CheckPlan plan, NodeAccess access) {
        return checker.check(plan, access);
    }

    public static Optional<Finding> finding(HealthReport report, String check, String node) {
        return report.findings().stream()
                .filter(f -> f.check().equals(check) && (node == null || node.equals(f.node()))).findFirst();
    }

    @Override
    public void close() {
        connections.close();
        vertx.closeAndAwait();
    }
}

package io.statefulsuite.health.monitor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.statefulsuite.health.config.HealthConfig;
import io.statefulsuite.health.domain.CheckPlan;
import io.statefulsuite.health.domain.ClusterRef;
import io.statefulsuite.health.domain.ExpectedTopology;
import io.statefulsuite.health.domain.HealthReport;
import io.statefulsuite.health.domain.HealthStatus;
import io.statefulsuite.health.domain.NodeAccess;
import io.statefulsuite.health.domain.Topology;
import io.statefulsuite.health.k8s.ClusterDiscovery;
import io.statefulsuite.health.k8s.DiscoveredCluster;
import io.statefulsuite.health.k8s.HealthEvents;
import io.statefulsuite.health.metrics.HealthMetrics;
import io.statefulsuite.health.valkey.ClusterChecker;
import io.statefulsuite.kit.leader.LeaderElection;
import io.statefulsuite.kit.leader.LeaseNamespace;
import io.statefulsuite.kit.leader.LeaseSettings;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A round survives a cluster whose check fails or never answers: the other clusters are still reported. */
class HealthMonitorTest {

    private static final ClusterRef HEALTHY = new ClusterRef("shop", "fine");
    private static final ClusterRef BROKEN = new ClusterRef("shop", "broken");
    private static final ClusterRef HANGING = new ClusterRef("shop", "hanging");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HealthConfig config = config(Duration.ofMillis(100), Duration.ofMillis(100));
    private final HealthMonitor monitor = new HealthMonitor(discovery(), checker(), new HealthEvents(null),
            new LeaderElection(null, noElection(), LeaseNamespace.ofThisProcess()),
            new HealthMetrics(registry), config);

    @Test
    void oneFailingAndOneHangingClusterDoNotHideTheHealthyOne() {
        monitor.checkAll();

        Map<ClusterRef, HealthReport> reports = monitor.latestReports();
        assertThat(reports.get(HEALTHY).status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(reports.get(BROKEN).status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(reports.get(BROKEN).findings()).singleElement()
                .satisfies(f -> assertThat(f.check()).isEqualTo("check.incomplete"))
                .satisfies(f -> assertThat(f.observed()).contains("IllegalStateException"));
        assertThat(reports.get(HANGING).findings()).singleElement()
                .satisfies(f -> assertThat(f.observed()).contains("no result within 200 ms"));
        assertThat(monitor.lastRound()).isPresent();
        assertThat(registry.find("valkey_health_status").tag("cluster", "fine").gauge().value()).isEqualTo(0.0);
        assertThat(registry.find("valkey_health_status").tag("cluster", "broken").gauge().value()).isEqualTo(3.0);
    }

    private static ClusterDiscovery discovery() {
        return new ClusterDiscovery(null, null, null) {
            @Override
            public List<DiscoveredCluster> discoverAll() {
                return List.of(cluster(HEALTHY), cluster(BROKEN), cluster(HANGING));
            }
        };
    }

    private static DiscoveredCluster cluster(ClusterRef ref) {
        return new DiscoveredCluster(ref, CheckPlan.of(List.of(), ExpectedTopology.NONE, Duration.ofMillis(100)),
                Optional.of(NodeAccess.plain(ref.name())), null);
    }

    /** Tells the clusters apart by their password, which {@link #cluster} sets to the cluster's name. */
    private static ClusterChecker checker() {
        return new ClusterChecker(null, null, null) {
            @Override
            public Uni<HealthReport> check(CheckPlan plan, NodeAccess access) {
                return switch (access.password()) {
                    case "broken" -> Uni.createFrom().failure(new IllegalStateException("evaluation bug"));
                    case "hanging" -> Uni.createFrom().nothing();
                    default -> Uni.createFrom().item(new HealthReport(HealthStatus.HEALTHY, Instant.now(), 1,
                            List.of(), Topology.EMPTY, List.of()));
                };
            }
        };
    }

    /** Not started, so not leading: no Events are written. */
    private static LeaseSettings noElection() {
        return (LeaseSettings) Proxy.newProxyInstance(LeaseSettings.class.getClassLoader(),
                new Class<?>[] {LeaseSettings.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "enabled" -> false;
                    case "leaseName" -> "valkey-health-leader";
                    case "identity" -> Optional.of("test");
                    default -> null;
                });
    }

    private static HealthConfig config(Duration interval, Duration nodeTimeout) {
        return (HealthConfig) Proxy.newProxyInstance(HealthConfig.class.getClassLoader(),
                new Class<?>[] {HealthConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "interval" -> interval;
                    case "nodeTimeout" -> nodeTimeout;
                    case "historySize" -> 10;
                    case "scheduledProbe" -> false;
                    case "probeMinInterval" -> Duration.ofSeconds(10);
                    default -> null;
                });
    }
}

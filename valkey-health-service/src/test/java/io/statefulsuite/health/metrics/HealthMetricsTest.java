package io.statefulsuite.health.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.statefulsuite.health.domain.ClusterRef;
import io.statefulsuite.health.domain.HealthReport;
import io.statefulsuite.health.domain.HealthStatus;
import io.statefulsuite.health.domain.Topology;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HealthMetricsTest {

    @Test
    void theSeriesOfADeletedClusterDisappear() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HealthMetrics metrics = new HealthMetrics(registry);
        ClusterRef kept = new ClusterRef("shop", "cache");
        ClusterRef deleted = new ClusterRef("shop", "old");

        metrics.publish(Map.of(kept, report(HealthStatus.DEGRADED), deleted, report(HealthStatus.UNHEALTHY)));
        assertThat(registry.find("valkey_health_status").gauges()).hasSize(2);

        metrics.publish(Map.of(kept, report(HealthStatus.DEGRADED)));
        assertThat(registry.find("valkey_health_status").gauges()).singleElement()
                .satisfies(g -> {
                    assertThat(g.getId().getTag("cluster")).isEqualTo("cache");
                    assertThat(g.value()).isEqualTo(1.0);
                });
        assertThat(registry.find("valkey_health_findings").tag("cluster", "old").gauges()).isEmpty();
    }

    private static HealthReport report(HealthStatus status) {
        return new HealthReport(status, Instant.now(), 3, List.of(), Topology.EMPTY, List.of());
    }
}

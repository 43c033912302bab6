package io.statefulsuite.health.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.statefulsuite.health.domain.ClusterRef;
import io.statefulsuite.health.domain.Finding;
import io.statefulsuite.health.domain.HealthReport;
import io.statefulsuite.health.domain.HealthStatus;
import io.statefulsuite.health.domain.ProbeResult;
import io.statefulsuite.health.domain.Topology;

import java.time.Instant;
import java.util.List;

/** The health of one cluster (CONTRACTS.md shape); namespace/cluster are absent for explicit-endpoint checks. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthResponse(String namespace, String cluster, HealthStatus status, Instant checkedAt, long durationMs,
                             List<Finding> findings, Topology topology, List<ProbeResult> probes) {

    public static HealthResponse of(ClusterRef ref, HealthReport report) {
        return new HealthResponse(ref == null ? null : ref.namespace(), ref == null ? null : ref.name(),
                report.status(), report.checkedAt(), report.durationMs(), report.findings(), report.topology(),
                report.probes().isEmpty() ? null : report.probes());
    }
}

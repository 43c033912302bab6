package io.statefulsuite.health.api;

import io.statefulsuite.health.domain.ClusterRef;
import io.statefulsuite.health.domain.HealthReport;
import io.statefulsuite.health.domain.HealthStatus;
import io.statefulsuite.health.domain.Severity;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** All known clusters at a glance, from the latest scheduled (or fresh) checks. */
public record SummaryResponse(int clusters, Map<HealthStatus, Integer> byStatus, List<ClusterSummary> items) {

    public record ClusterSummary(String namespace, String cluster, HealthStatus status, Instant checkedAt,
                                 long critical, long warning) {
    }

    public static SummaryResponse of(Map<ClusterRef, HealthReport> reports) {
        Map<HealthStatus, Integer> byStatus = new EnumMap<>(HealthStatus.class);
        for (HealthStatus status : HealthStatus.values()) {
            byStatus.put(status, 0);
        }
        reports.values().forEach(r -> byStatus.merge(r.status(), 1, Integer::sum));
        List<ClusterSummary> items = reports.entrySet().stream()
                .map(e -> new ClusterSummary(e.getKey().namespace(), e.getKey().name(), e.getValue().status(),
                        e.getValue().checkedAt(), e.getValue().count(Severity.CRITICAL),
                        e.getValue().count(Severity.WARNING)))
                .toList();
        return new SummaryResponse(items.size(), byStatus, items);
    }
}

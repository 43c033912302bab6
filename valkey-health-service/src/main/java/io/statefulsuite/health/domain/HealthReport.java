package io.statefulsuite.health.domain;

import java.time.Instant;
import java.util.List;

/** The answer for one cluster at one moment. */
public record HealthReport(HealthStatus status, Instant checkedAt, long durationMs, List<Finding> findings,
                           Topology topology, List<ProbeResult> probes) {

    public static HealthReport of(HealthEvaluator.Evaluation evaluation, Instant checkedAt, long durationMs) {
        return new HealthReport(evaluation.status(), checkedAt, durationMs, evaluation.findings(),
                evaluation.topology(), evaluation.probes());
    }

    /**
     * The nodes were not read (the check failed or overran its budget, or they must not be contacted): nothing is
     * known about them, only why.
     */
    public static HealthReport notChecked(Instant checkedAt, long durationMs, List<Finding> why) {
        return new HealthReport(HealthStatus.UNKNOWN, checkedAt, durationMs,
                why.stream().sorted(HealthEvaluator.MOST_SEVERE_FIRST).toList(), Topology.EMPTY, List.of());
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    public boolean has(Check check) {
        return findings.stream().anyMatch(f -> f.check().equals(check.id()));
    }
}

package io.statefulsuite.health.domain;

import java.util.List;

/**
 * The verdict on a cluster. The numeric code is what {@code valkey_health_status} exports, so alerts can compare
 * against it (0 healthy, 1 degraded, 2 unhealthy, 3 unknown).
 */
public enum HealthStatus {
    HEALTHY(0), DEGRADED(1), UNHEALTHY(2), UNKNOWN(3);

    private final int code;

    HealthStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** UNKNOWN when no node could be observed at all: then the findings say why, but nothing about the data. */
    public static HealthStatus of(List<Finding> findings, boolean anyNodeObserved) {
        if (!anyNodeObserved) {
            return UNKNOWN;
        }
        if (findings.stream().anyMatch(f -> f.severity() == Severity.CRITICAL)) {
            return UNHEALTHY;
        }
        if (findings.stream().anyMatch(f -> f.severity() == Severity.WARNING)) {
            return DEGRADED;
        }
        return HEALTHY;
    }
}

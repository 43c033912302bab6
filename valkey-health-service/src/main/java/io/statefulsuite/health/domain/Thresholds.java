package io.statefulsuite.health.domain;

/** Limits beyond which replication is reported as lagging; set from configuration. */
public record Thresholds(long lagBytesWarning, long lagBytesCritical, long lagSecondsWarning,
                         long lastIoSecondsWarning, long probeDelayMillisWarning) {

    public static final Thresholds DEFAULTS = new Thresholds(1_048_576, 67_108_864, 10, 10, 1_000);
}

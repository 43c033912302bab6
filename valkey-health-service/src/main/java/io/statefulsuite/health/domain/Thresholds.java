package io.statefulsuite.health.domain;

/**
 * Limits beyond which replication is reported as lagging; set from configuration. An idle primary only pings its
 * replicas every repl-ping-replica-period (10 s), so "last I/O" needs a limit well above that.
 */
public record Thresholds(long lagBytesWarning, long lagBytesCritical, long lagSecondsWarning,
                         long lastIoSecondsWarning, long probeDelayMillisWarning) {

    public static final Thresholds DEFAULTS = new Thresholds(1_048_576, 67_108_864, 10, 30, 1_000);
}

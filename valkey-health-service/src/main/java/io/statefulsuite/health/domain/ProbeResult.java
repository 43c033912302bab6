package io.statefulsuite.health.domain;

/**
 * The active probe's measurement for one replica: how long until a canary written on its primary was readable on it.
 * {@code delayMillis} is null when the canary never arrived; {@code error} says why when the probe itself failed.
 */
public record ProbeResult(int shard, String primary, String replica, Long delayMillis, String error) {
}

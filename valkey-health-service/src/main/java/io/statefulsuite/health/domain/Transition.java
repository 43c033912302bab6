package io.statefulsuite.health.domain;

import java.time.Instant;

/**
 * A change worth telling someone about: the verdict changed, a shard's primary moved (failover), or the cluster
 * recovered ({@code recoveryMillis}: time since it stopped being healthy).
 */
public record Transition(Instant at, Kind kind, Integer shard, String from, String to, Long recoveryMillis,
                         String message) {

    public enum Kind { STATUS_CHANGED, FAILOVER, RECOVERED }
}

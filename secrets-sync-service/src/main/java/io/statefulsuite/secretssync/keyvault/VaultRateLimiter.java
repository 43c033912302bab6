package io.statefulsuite.secretssync.keyvault;

import java.time.Duration;

/**
 * A token bucket per vault: bursts up to one second's worth of requests, then {@code perSecond}. Callers
 * reserve a slot and wait the returned time, so waiting never holds a lock.
 */
final class VaultRateLimiter {

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long refilledAt;

    VaultRateLimiter(int perSecond) {
        this.perNano = perSecond / 1e9;
        this.capacity = perSecond;
        this.tokens = perSecond;
        this.refilledAt = System.nanoTime();
    }

    /** Takes a token, possibly from the future; returns how long to wait before using it. */
    synchronized Duration reserve() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        tokens -= 1;
        return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) (-tokens / perNano));
    }
}

package io.statefulsuite.secretssync.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When each sync refreshes next. Every refresh is jittered so that syncs created together (or a restart)
 * do not stay in lock-step, and the first refreshes after a start are spread over a window.
 */
public final class RefreshSchedule {

    private final double jitter;
    private final Duration startupSpread;
    private final RandomGenerator random;

    /**
     * @param jitter        fraction of the interval added or removed at random (0.1 = ±10 %)
     * @param startupSpread first refreshes after a start fall uniformly within this window
     */
    public RefreshSchedule(double jitter, Duration startupSpread, RandomGenerator random) {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
        this.jitter = jitter;
        this.startupSpread = startupSpread;
        this.random = random;
    }

    /** The next routine refresh after one at {@code last}; {@code null} when the interval is 0 (sync once). */
    public Instant next(Instant last, Duration interval) {
        if (interval.isZero()) {
            return null;
        }
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return last.plusMillis(Math.round(interval.toMillis() * factor));
    }

    /** The first routine refresh of a sync found already synced at start-up. */
    public Instant firstAfterStart(Instant start, Duration interval) {
        if (interval.isZero()) {
            return null;
        }
        long window = Math.min(startupSpread.toMillis(), interval.toMillis());
        return start.plusMillis(window <= 0 ? 0 : random.nextLong(window));
    }
}

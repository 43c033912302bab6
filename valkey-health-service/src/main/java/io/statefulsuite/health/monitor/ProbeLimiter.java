package io.statefulsuite.health.monitor;

import io.statefulsuite.health.domain.ClusterRef;
import io.statefulsuite.health.domain.HealthReport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Canary probes write keys into the cluster, so each cluster gets at most one probe at a time and a pause between
 * probes. A request made while a probe runs waits for it and shares its report (it asked for a probe, and one is
 * being made now); a request within the pause after a probe is refused with how long to wait.
 */
public final class ProbeLimiter {

    /** What became of a probe request. */
    public sealed interface Decision permits Probed, Refused {
    }

    /** A report (empty: no such cluster); {@code shared} when it came from a probe another request started. */
    public record Probed(Optional<HealthReport> report, boolean shared) implements Decision {
    }

    public record Refused(Duration retryAfter) implements Decision {
    }

    private final Duration minInterval;
    private final Clock clock;
    private final Map<ClusterRef, CompletableFuture<Optional<HealthReport>>> running = new ConcurrentHashMap<>();
    private final Map<ClusterRef, Instant> lastProbe = new ConcurrentHashMap<>();

    public ProbeLimiter(Duration minInterval, Clock clock) {
        this.minInterval = minInterval;
        this.clock = clock;
    }

    /** Runs {@code probe} for {@code ref} unless one is running (shared) or ran less than the pause ago (refused). */
    public Decision probe(ClusterRef ref, Supplier<Optional<HealthReport>> probe) {
        Instant now = clock.instant();
        lastProbe.values().removeIf(at -> !at.plus(minInterval).isAfter(now));
        CompletableFuture<Optional<HealthReport>> mine = new CompletableFuture<>();
        Decision[] waitOrRefuse = new Decision[1];
        CompletableFuture<Optional<HealthReport>> other = running.compute(ref, (key, current) -> {
            Instant last = lastProbe.get(key);
            if (current == null && last != null) {
                waitOrRefuse[0] = new Refused(Duration.between(now, last.plus(minInterval)));
                return null;
            }
            return current == null ? mine : current;
        });
        if (waitOrRefuse[0] != null) {
            return waitOrRefuse[0];
        }
        if (other != mine) {
            return new Probed(join(other), true);
        }
        try {
            Optional<HealthReport> report = probe.get();
            // before the probe stops counting as running, so that no request slips in between the two
            report.ifPresent(found -> lastProbe.put(ref, clock.instant()));
            mine.complete(report);
            return new Probed(report, false);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(ref, mine);
        }
    }

    private static Optional<HealthReport> join(CompletableFuture<Optional<HealthReport>> probe) {
        try {
            return probe.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}

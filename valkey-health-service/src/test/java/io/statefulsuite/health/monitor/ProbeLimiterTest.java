package io.statefulsuite.health.monitor;

import io.statefulsuite.health.domain.ClusterRef;
import io.statefulsuite.health.domain.HealthReport;
import io.statefulsuite.health.domain.HealthStatus;
import io.statefulsuite.health.domain.Topology;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One probe per cluster at a time (others share it), then a pause during which requests are refused. */
class ProbeLimiterTest {

    private static final ClusterRef CACHE = new ClusterRef("shop", "cache");
    private static final ClusterRef OTHER = new ClusterRef("shop", "other");
    private static final HealthReport REPORT = new HealthReport(HealthStatus.HEALTHY, Instant.EPOCH, 1, List.of(),
            Topology.EMPTY, List.of());

    private final MovableClock clock = new MovableClock();
    private final ProbeLimiter limiter = new ProbeLimiter(Duration.ofSeconds(10), clock);
    private final AtomicInteger probes = new AtomicInteger();

    @Test
    void aRequestDuringAProbeSharesItsReport() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<ProbeLimiter.Decision> first = CompletableFuture.supplyAsync(() -> limiter.probe(CACHE, () -> {
            probes.incrementAndGet();
            started.countDown();
            awaitRelease(release);
            return Optional.of(REPORT);
        }));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<ProbeLimiter.Decision> second = new CompletableFuture<>();
        Thread waiting = new Thread(() -> second.complete(limiter.probe(CACHE, this::count)));
        waiting.start();
        await().until(() -> waiting.getState() == Thread.State.WAITING);
        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(new ProbeLimiter.Probed(Optional.of(REPORT), false));
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(new ProbeLimiter.Probed(Optional.of(REPORT), true));
        assertThat(probes).hasValue(1);
    }

    @Test
    void aRequestWithinThePauseIsRefusedWithTheTimeLeft() {
        assertThat(limiter.probe(CACHE, this::count)).isInstanceOf(ProbeLimiter.Probed.class);
        clock.advance(Duration.ofSeconds(3));

        assertThat(limiter.probe(CACHE, this::count)).isEqualTo(new ProbeLimiter.Refused(Duration.ofSeconds(7)));
        assertThat(limiter.probe(OTHER, this::count)).as("another cluster").isInstanceOf(ProbeLimiter.Probed.class);
        clock.advance(Duration.ofSeconds(7));
        assertThat(limiter.probe(CACHE, this::count)).isInstanceOf(ProbeLimiter.Probed.class);
        assertThat(probes).hasValue(3);
    }

    @Test
    void anUnknownClusterStartsNoPause() {
        assertThat(limiter.probe(CACHE, Optional::empty)).isEqualTo(new ProbeLimiter.Probed(Optional.empty(), false));

        assertThat(limiter.probe(CACHE, this::count)).isInstanceOf(ProbeLimiter.Probed.class);
    }

    private Optional<HealthReport> count() {
        probes.incrementAndGet();
        return Optional.of(REPORT);
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

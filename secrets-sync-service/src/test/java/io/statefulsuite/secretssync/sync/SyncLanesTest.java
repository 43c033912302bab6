package io.statefulsuite.secretssync.sync;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.statefulsuite.secretssync.domain.SyncKey;
import io.statefulsuite.secretssync.metrics.SyncMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The two lanes: on-demand work never waits for routine work, one sync per key, bounded queues. */
class SyncLanesTest {

    private static final SyncKey A = new SyncKey("ns", "a");
    private static final SyncKey B = new SyncKey("ns", "b");
    private static final SyncKey C = new SyncKey("ns", "c");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final Map<SyncKey, AtomicInteger> running = new ConcurrentHashMap<>();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final List<SyncKey> finished = new CopyOnWriteArrayList<>();
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private SyncLanes lanes;

    SyncLanesTest() {
        held.addAll(Set.of("routine a", "routine b", "routine c"));
    }

    @AfterEach
    void stop() {
        release.countDown();
        lanes.shutdown();
    }

    @Test
    void onDemandSyncsPassABlockedRoutineLaneAndTakeOverTheirQueuedRun() throws Exception {
        lanes = lanes(1, 1, 10);
        SyncLanes.Run slow = lanes.claim(A);
        lanes.start(slow, SyncLanes.Lane.ROUTINE, sync("routine"));
        SyncLanes.Run queued = lanes.claim(B);
        lanes.start(queued, SyncLanes.Lane.ROUTINE, sync("routine"));
        await().until(() -> ran.contains("routine a"));

        SyncOutcome fresh = lanes.onDemand(C).get(30, TimeUnit.SECONDS);
        SyncOutcome tookOver = lanes.onDemand(B).get(30, TimeUnit.SECONDS);

        assertThat(slow.done()).isNotDone();
        assertThat(fresh.message()).isEqualTo("on-demand c");
        assertThat(tookOver.message()).isEqualTo("on-demand b");
        assertThat(queued.done()).isCompletedWithValue(tookOver);
        release.countDown();
        slow.done().get(30, TimeUnit.SECONDS);
        await().until(() -> lanes.inFlight() == 0);
        assertThat(ran).containsExactlyInAnyOrder("routine a", "on-demand c", "on-demand b");
    }

    @Test
    void aKeyHasOneSyncInFlightAndOneSharedFollowUp() throws Exception {
        lanes = lanes(2, 4, 10);
        SyncLanes.Run routine = lanes.claim(A);
        lanes.start(routine, SyncLanes.Lane.ROUTINE, sync("routine"));
        await().until(() -> ran.contains("routine a"));

        assertThat(lanes.claim(A)).as("a second routine run while one is in flight").isNull();
        CompletableFuture<SyncOutcome> first = lanes.onDemand(A);
        CompletableFuture<SyncOutcome> second = lanes.onDemand(A);
        assertThat(second).isSameAs(first);
        assertThat(first).isNotDone();

        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).message()).isEqualTo("on-demand a");
        await().until(() -> lanes.inFlight() == 0);
        assertThat(ran).containsExactly("routine a", "on-demand a");
        assertThat(mostAtOnce).hasValue(1);
        assertThat(finished).containsExactly(A, A);
    }

    @Test
    void aFullQueueSkipsTheSyncCountsItAndForgetsTheKey() throws Exception {
        lanes = lanes(1, 1, 1);
        SyncLanes.Run busy = lanes.claim(A);
        lanes.start(busy, SyncLanes.Lane.ROUTINE, sync("routine"));
        await().until(() -> ran.contains("routine a"));
        SyncLanes.Run waiting = lanes.claim(B);
        lanes.start(waiting, SyncLanes.Lane.ROUTINE, sync("routine"));
        SyncLanes.Run overflow = lanes.claim(C);

        lanes.start(overflow, SyncLanes.Lane.ROUTINE, sync("routine"));

        SyncOutcome skipped = overflow.done().get(30, TimeUnit.SECONDS);
        assertThat(skipped.result()).isEqualTo(SyncOutcome.FAILED);
        assertThat(skipped.reason()).isEqualTo(SyncOutcome.OVERLOADED);
        assertThat(registry.get("secrets_sync_syncs_rejected_total").tag("lane", "routine").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get("secrets_sync_sync_queue_size").tag("lane", "routine").gauge().value()).isEqualTo(1.0);
        release.countDown();
        await().until(() -> lanes.inFlight() == 0);
        assertThat(ran).containsExactly("routine a", "routine b");
    }

    @Test
    void cleanUpReplacesAWaitingFollowUpSync() throws Exception {
        held.add("on-demand a");
        lanes = lanes(1, 2, 10);
        CompletableFuture<SyncOutcome> syncing = lanes.onDemand(A);
        await().until(() -> ran.contains("on-demand a"));
        CompletableFuture<SyncOutcome> followUp = lanes.onDemand(A);

        CompletableFuture<SyncOutcome> cleanUp = lanes.onDemandInstead(A, key -> {
            ran.add("clean-up " + key.name());
            return new SyncOutcome(SyncOutcome.SYNCED, "Deleted", "cleaned", null, Map.of());
        });

        assertThat(cleanUp).isSameAs(followUp);
        release.countDown();
        assertThat(syncing.get(30, TimeUnit.SECONDS).message()).isEqualTo("on-demand a");
        assertThat(cleanUp.get(30, TimeUnit.SECONDS).reason()).isEqualTo("Deleted");
        assertThat(ran).containsExactly("on-demand a", "clean-up a");
    }

    private SyncLanes lanes(int routineThreads, int onDemandThreads, int queueCapacity) {
        return new SyncLanes(routineThreads, onDemandThreads, queueCapacity, sync("on-demand"),
                (key, outcome) -> finished.add(key), new SyncMetrics(registry));
    }

    /** A sync that records itself and, when the test holds it, keeps its worker until the test releases it. */
    private Function<SyncKey, SyncOutcome> sync(String lane) {
        return key -> {
            int now = running.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            ran.add(lane + " " + key.name());
            try {
                if (held.contains(lane + " " + key.name()) && !release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.get(key).decrementAndGet();
            }
            return new SyncOutcome(SyncOutcome.SYNCED, "Synced", lane + " " + key.name(), null, Map.of());
        };
    }
}

package io.statefulsuite.provisioner.reconcile;

import io.statefulsuite.provisioner.reconcile.ReconcileMetrics.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WorkQueueTest {

    private static final Duration AN_HOUR = Duration.ofHours(1);
    private final List<String> runs = new CopyOnWriteArrayList<>();
    private WorkQueue queue;

    @AfterEach
    void stop() {
        queue.shutdown();
    }

    @Test
    void aKeyWaitingOutABackoffRunsAtOnceWhenAskedForAgain() {
        queue = new WorkQueue(key -> {
            runs.add(key);
            return Result.ERROR;
        }, AN_HOUR, AN_HOUR);
        queue.add("ns/cache");
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.size() == 1);

        queue.add("ns/cache");

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.size() == 2);
    }

    @Test
    void aKeyAskedForWhileItRunsRunsAgainAfterwardsOnce() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        queue = new WorkQueue(key -> {
            runs.add(key);
            running.countDown();
            awaitQuietly(release);
            return Result.SUCCESS;
        }, AN_HOUR, AN_HOUR);
        queue.add("ns/cache");
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        queue.add("ns/cache");
        queue.add("ns/cache");
        release.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.size() == 2);
        Thread.sleep(200);
        assertThat(runs).hasSize(2);
    }

    @Test
    void aFailingKeyIsNotRetriedBeforeItsBackoff() throws InterruptedException {
        queue = new WorkQueue(key -> {
            runs.add(key);
            return Result.ERROR;
        }, AN_HOUR, AN_HOUR);

        queue.add("ns/cache");

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.size() == 1);
        Thread.sleep(200);
        assertThat(runs).hasSize(1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

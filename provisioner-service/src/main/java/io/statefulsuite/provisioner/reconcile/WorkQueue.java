package io.statefulsuite.provisioner.reconcile;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Cluster keys ({@code namespace/name}) waiting to be reconciled, processed one at a time on a single thread. A key
 * is queued at most once; a key queued while it is being processed runs again afterwards. A failed key comes back
 * after an exponentially growing delay.
 */
final class WorkQueue {

    private static final Logger LOG = Logger.getLogger(WorkQueue.class);

    private final Predicate<String> worker;
    private final Duration retryDelay;
    private final Duration maxRetryDelay;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "valkey-reconciler");
        thread.setDaemon(true);
        return thread;
    });

    /** @param worker reconciles one key; returns false (or throws) when it should be retried later */
    WorkQueue(Predicate<String> worker, Duration retryDelay, Duration maxRetryDelay) {
        this.worker = worker;
        this.retryDelay = retryDelay;
        this.maxRetryDelay = maxRetryDelay;
    }

    void add(String key) {
        schedule(key, Duration.ZERO);
    }

    void shutdown() {
        executor.shutdownNow();
    }

    private void schedule(String key, Duration delay) {
        if (!executor.isShutdown() && queued.add(key)) {
            executor.schedule(() -> process(key), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void process(String key) {
        queued.remove(key);
        boolean done;
        try {
            done = worker.test(key);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Reconcile of %s failed", key);
            done = false;
        }
        if (done) {
            failures.remove(key);
        } else {
            int failed = failures.merge(key, 1, Integer::sum);
            schedule(key, backoff(failed));
        }
    }

    private Duration backoff(int failed) {
        Duration delay = retryDelay.multipliedBy(1L << Math.min(failed - 1, 16));
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}

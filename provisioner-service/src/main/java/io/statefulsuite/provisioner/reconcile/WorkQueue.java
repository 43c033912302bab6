package io.statefulsuite.provisioner.reconcile;

import io.statefulsuite.provisioner.reconcile.ReconcileMetrics.Result;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Cluster keys ({@code namespace/name}) waiting to be reconciled, processed one at a time on a single thread. A key
 * has at most one planned run; asking for an earlier one moves it forward, so a change made through the API is
 * acted on at once even while the key waits out a backoff. A key asked for while it runs runs again afterwards.
 * A pass that is waiting for something (pods starting, a verdict) comes back after a steady delay; a failed one
 * after an exponentially growing delay.
 */
final class WorkQueue {

    private static final Logger LOG = Logger.getLogger(WorkQueue.class);
    /** Waiting passes poll this many retry delays apart: often enough to notice progress, cheap for the API. */
    private static final int WAITING_FACTOR = 5;

    private final Function<String, Result> worker;
    private final Duration retryDelay;
    private final Duration maxRetryDelay;
    private final Map<String, ScheduledFuture<?>> planned = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "valkey-reconciler");
        thread.setDaemon(true);
        return thread;
    });

    /** @param worker reconciles one key; PENDING and ERROR bring it back later (a throw counts as ERROR) */
    WorkQueue(Function<String, Result> worker, Duration retryDelay, Duration maxRetryDelay) {
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

    private synchronized void schedule(String key, Duration delay) {
        if (executor.isShutdown()) {
            return;
        }
        ScheduledFuture<?> existing = planned.get(key);
        if (existing != null && (existing.getDelay(TimeUnit.MILLISECONDS) <= delay.toMillis() || !existing.cancel(false))) {
            return;
        }
        planned.put(key, executor.schedule(() -> process(key), delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void process(String key) {
        synchronized (this) {
            planned.remove(key);
        }
        Result result;
        try {
            result = worker.apply(key);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Reconcile of %s failed", key);
            result = Result.ERROR;
        }
        switch (result) {
            case SUCCESS -> failures.remove(key);
            case PENDING -> {
                failures.remove(key);
                schedule(key, cap(retryDelay.multipliedBy(WAITING_FACTOR)));
            }
            case ERROR -> schedule(key, backoff(failures.merge(key, 1, Integer::sum)));
        }
    }

    private Duration backoff(int failed) {
        return cap(retryDelay.multipliedBy(1L << Math.min(failed - 1, 16)));
    }

    private Duration cap(Duration delay) {
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}

package io.statefulsuite.secretssync.sync;

import io.statefulsuite.secretssync.domain.SyncKey;
import io.statefulsuite.secretssync.metrics.SyncMetrics;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs syncs on two bounded lanes so that on-demand work (sync-now, new or changed SecretSyncs, deletions) never
 * queues behind routine refreshes, and keeps at most one sync per SecretSync in flight.
 * <p>
 * A routine refresh is skipped while its key is in flight. An on-demand request takes over a run that is still
 * queued (whoever starts it first runs it), or else gets one follow-up run after the running one; later
 * requests share that follow-up. A full lane rejects the run: it completes as {@code failed/Overloaded}, is
 * counted in {@code secrets_sync_syncs_rejected_total} and the key is retried on its failure schedule.
 * Entries disappear when their last run ends, so nothing here grows with the number of SecretSyncs ever seen.
 */
final class SyncLanes {


    enum Lane { ON_DEMAND, ROUTINE }

    /** One sync of a key; it runs at most once, on whichever lane claims it first. */
    static final class Run {
        private final SyncKey key;
        private final AtomicBoolean started = new AtomicBoolean();
        private final CompletableFuture<SyncOutcome> done = new CompletableFuture<>();
        private volatile Function<SyncKey, SyncOutcome> work;

        private Run(SyncKey key, Function<SyncKey, SyncOutcome> work) {
            this.key = key;
            this.work = work;
        }

        /** True for the one caller that gets to run it. */
        private boolean claim() {
            return started.compareAndSet(false, true);
        }

        CompletableFuture<SyncOutcome> done() {
            return done;
        }
    }

    /** The run in flight for a key and the one waiting for it to end. */
    private static final class Slot {
        Run current;
        Run followUp;

        Slot(Run current) {
            this.current = current;
        }
    }

    private final Map<SyncKey, Slot> slots = new ConcurrentHashMap<>();
    private final Map<Lane, ThreadPoolExecutor> lanes;
    private final Function<SyncKey, SyncOutcome> onDemandSync;
    private final BiConsumer<SyncKey, SyncOutcome> finished;
    private final SyncMetrics metrics;

    /**
     * @param onDemandSync what an on-demand run does (lists the vault itself)
     * @param finished     told once per run that ended (to reschedule the key)
     */
    SyncLanes(int routineThreads, int onDemandThreads, int queueCapacity, Function<SyncKey, SyncOutcome> onDemandSync,
              BiConsumer<SyncKey, SyncOutcome> finished, SyncMetrics metrics) {
        this.lanes = Map.of(
                Lane.ROUTINE, executor("secrets-sync-routine", routineThreads, queueCapacity),
                Lane.ON_DEMAND, executor("secrets-sync-on-demand", onDemandThreads, queueCapacity));
        this.onDemandSync = onDemandSync;
        this.finished = finished;
        this.metrics = metrics;
        lanes.forEach((lane, executor) -> metrics.syncQueue(label(lane), () -> executor.getQueue().size()));
    }

    /** A sync of {@code key} on the on-demand lane, taking over or queued behind what is in flight for it. */
    CompletableFuture<SyncOutcome> onDemand(SyncKey key) {
        return onDemand(key, onDemandSync, false);
    }

    /**
     * Runs {@code work} instead of a sync, as the next thing done for {@code key} (e.g. the clean-up of a deleted
     * SecretSync); a follow-up sync already waiting does this work instead, as there is nothing left to sync.
     */
    CompletableFuture<SyncOutcome> onDemandInstead(SyncKey key, Function<SyncKey, SyncOutcome> work) {
        return onDemand(key, work, true);
    }

    private CompletableFuture<SyncOutcome> onDemand(SyncKey key, Function<SyncKey, SyncOutcome> work,
                                                    boolean replacesWaiting) {
        Run[] start = new Run[1];
        Run[] waitFor = new Run[1];
        slots.compute(key, (k, slot) -> {
            if (slot == null) {
                slot = new Slot(new Run(k, work));
                slot.current.claim();
                start[0] = slot.current;
            } else if (slot.current.claim()) {
                slot.current.work = work;
                start[0] = slot.current;
            } else if (slot.followUp == null) {
                slot.followUp = new Run(k, work);
            } else if (replacesWaiting) {
                slot.followUp.work = work;
            }
            waitFor[0] = start[0] != null ? start[0] : slot.followUp;
            return slot;
        });
        if (start[0] != null) {
            startOnDemand(start[0]);
        }
        return waitFor[0].done;
    }

    /** A run for {@code key} to start later with {@link #start}, or null while a sync of it is in flight. */
    Run claim(SyncKey key) {
        Run run = new Run(key, null);
        return slots.putIfAbsent(key, new Slot(run)) == null ? run : null;
    }

    /** Queues a claimed run doing {@code sync}; skipped if an on-demand request took it over meanwhile. */
    void start(Run run, Lane lane, Function<SyncKey, SyncOutcome> sync) {
        try {
            lanes.get(lane).execute(() -> {
                if (run.claim()) {
                    run.work = sync;
                    execute(run);
                }
            });
        } catch (RejectedExecutionException e) {
            reject(run, lane);
        }
    }

    /** Queues work that is not a sync itself (a vault listing that then starts its syncs); false when full. */
    boolean task(Lane lane, Runnable task) {
        try {
            lanes.get(lane).execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Ends a run that cannot be queued as rejected, unless someone else started it. */
    void reject(Run run, Lane lane) {
        metrics.syncRejected(label(lane));
        if (run.claim()) {
            finish(run, overloaded(lane));
        }
    }

    /** What a caller would wait for to see {@code key} synced: its waiting follow-up, else its run; null if idle. */
    CompletableFuture<SyncOutcome> inFlight(SyncKey key) {
        Slot slot = slots.get(key);
        if (slot == null) {
            return null;
        }
        Run followUp = slot.followUp;
        return followUp != null ? followUp.done : slot.current.done;
    }

    /** SecretSyncs with a sync in flight (running or queued). */
    int inFlight() {
        return slots.size();
    }

    void shutdown() {
        lanes.values().forEach(ThreadPoolExecutor::shutdownNow);
    }

    /** Runs an already claimed run on the on-demand lane. */
    private void startOnDemand(Run run) {
        try {
            lanes.get(Lane.ON_DEMAND).execute(() -> execute(run));
        } catch (RejectedExecutionException e) {
            metrics.syncRejected(label(Lane.ON_DEMAND));
            finish(run, overloaded(Lane.ON_DEMAND));
        }
    }

    private void execute(Run run) {
        SyncOutcome outcome = null;
        try {
            outcome = run.work.apply(run.key);
        } finally {
            finish(run, outcome != null ? outcome
                    : SyncOutcome.failed("SyncFailed", "internal error: the sync ended abnormally", null));
        }
    }

    private void finish(Run run, SyncOutcome outcome) {
        Run[] next = new Run[1];
        slots.computeIfPresent(run.key, (key, slot) -> {
            if (slot.current != run) {
                return slot;
            }
            if (slot.followUp == null) {
                return null;
            }
            slot.current = slot.followUp;
            slot.followUp = null;
            next[0] = slot.current;
            return slot;
        });
        finished.accept(run.key, outcome);
        run.done.complete(outcome);
        if (next[0] != null) {
            next[0].claim();
            startOnDemand(next[0]);
        }
    }

    private SyncOutcome overloaded(Lane lane) {
        return SyncOutcome.failed(SyncOutcome.OVERLOADED, "the " + label(lane) + " sync queue is full ("
                + lanes.get(lane).getQueue().size() + " waiting); the sync was skipped and will be retried", null);
    }

    private static String label(Lane lane) {
        return lane == Lane.ROUTINE ? "routine" : "on-demand";
    }

    private static ThreadPoolExecutor executor(String name, int threads, int queueCapacity) {
        int size = Math.max(1, threads);
        return new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queueCapacity)), runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}

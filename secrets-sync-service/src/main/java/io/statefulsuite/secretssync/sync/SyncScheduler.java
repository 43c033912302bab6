package io.statefulsuite.secretssync.sync;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.statefulsuite.kit.crd.CustomResourceGate;
import io.statefulsuite.kit.leader.LeaderElection;
import io.statefulsuite.secretssync.config.SecretsSyncConfig;
import io.statefulsuite.secretssync.crd.SecretSync;
import io.statefulsuite.secretssync.crd.Conditions;
import io.statefulsuite.secretssync.domain.RefreshInterval;
import io.statefulsuite.secretssync.domain.RefreshSchedule;
import io.statefulsuite.secretssync.domain.SpecFingerprint;
import io.statefulsuite.secretssync.domain.SyncKey;
import io.statefulsuite.secretssync.domain.VaultRef;
import io.statefulsuite.secretssync.k8s.SecretSyncWatcher;
import io.statefulsuite.secretssync.metrics.SyncMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Decides when syncs run. Urgent syncs (sync-now, new, changed or deleted SecretSyncs) go to the on-demand lane
 * at once; each tick hands the due routine refreshes to the routine lane, where every vault involved is listed
 * once and its listing shared by its syncs. A tick only dispatches and never waits, so a slow vault delays its
 * own syncs and nothing else (see {@link SyncLanes}).
 */
@ApplicationScoped
public class SyncScheduler implements SecretSyncWatcher.Listener {

    private static final Logger LOG = Logger.getLogger(SyncScheduler.class);
    private static final Duration FAILURE_RETRY = Duration.ofMinutes(1);

    /** What the scheduler knows of a SecretSync. */
    private record Known(VaultRef vault, Duration interval) {
    }

    /** Urgent syncs of one vault waiting for a worker; filled only inside {@code openBatches.compute}. */
    private static final class UrgentBatch {
        private final List<SyncLanes.Run> runs = new ArrayList<>();
    }

    private final SyncEngine engine;
    private final SecretSyncWatcher watcher;
    private final LeaderElection leader;
    private final CustomResourceGate secretSyncs;
    private final SecretsSyncConfig.Refresh config;
    private final RefreshSchedule schedule;
    private final Clock clock = Clock.systemUTC();
    private final Map<SyncKey, Known> known = new ConcurrentHashMap<>();
    private final Map<SyncKey, Instant> nextRefresh = new ConcurrentHashMap<>();
    private final Map<SyncKey, Boolean> urgent = new ConcurrentHashMap<>();
    private final Map<VaultRef, UrgentBatch> openBatches = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final SyncLanes lanes;
    private volatile boolean running;
    private Thread loop;

    public SyncScheduler(SyncEngine engine, SecretSyncWatcher watcher, LeaderElection leader,
                         CustomResourceGate secretSyncs, SecretsSyncConfig config, SyncMetrics metrics) {
        this.engine = engine;
        this.watcher = watcher;
        this.leader = leader;
        this.secretSyncs = secretSyncs;
        this.config = config.refresh();
        this.schedule = new RefreshSchedule(this.config.jitter(), this.config.startupSpread(), RandomGenerator.getDefault());
        this.lanes = new SyncLanes(this.config.parallelism(), this.config.onDemandParallelism(),
                this.config.queueCapacity(), key -> engine.sync(key, null), this::reschedule, metrics);
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("periodic syncing disabled (secrets-sync.refresh.enabled=false): REST only");
            return;
        }
        running = true;
        // a new leader catches up at once with what it saw while following
        secretSyncs.whenServed(() -> {
            watcher.start(this);
            leader.start(wake::release, () -> { });
        });
        loop = new Thread(this::loop, "secrets-sync-scheduler");
        loop.setDaemon(true);
        loop.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        secretSyncs.stop();
        watcher.stop();
        leader.stop();
        wake.release();
        lanes.shutdown();
    }

    /**
     * Sync now, outside the schedule, waiting at most the configured time (empty on timeout). Runs on the
     * on-demand lane: it waits only for a sync of the same SecretSync already running, never for routine work.
     */
    public Optional<SyncOutcome> syncNow(SyncKey key) {
        try {
            return Optional.of(lanes.onDemand(key).get(config.syncNowTimeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("sync of " + key + " failed", e.getCause());
        }
    }

    /**
     * Runs every known sync now as one routine tick (one listing per vault) and waits for all of them, or for
     * the sync already in flight for a key; for tests and benchmarks.
     */
    public Map<SyncKey, SyncOutcome> refreshAllNow() {
        Instant now = clock.instant();
        known.keySet().forEach(key -> nextRefresh.put(key, now));
        Map<SyncKey, SyncOutcome> outcomes = new LinkedHashMap<>();
        tick(now).forEach((key, running) -> outcomes.put(key, running.join()));
        return outcomes;
    }

    /** SecretSyncs with a sync running or queued. */
    public int syncsInFlight() {
        return lanes.inFlight();
    }

    /** The SecretSyncs the scheduler currently tracks (from the informer). */
    public Set<SyncKey> knownSyncs() {
        return Set.copyOf(known.keySet());
    }

    @Override
    public void added(SecretSync resource) {
        SyncKey key = SyncEngine.keyOf(resource);
        remember(resource);
        if (isSettled(resource) && !resource.isMarkedForDeletion()) {
            Instant first = schedule.firstAfterStart(clock.instant(), known.get(key).interval());
            if (first != null) {
                nextRefresh.put(key, first);
            }
        } else {
            markUrgent(key);
        }
    }

    @Override
    public void updated(SecretSync before, SecretSync after) {
        remember(after);
        if (after.isMarkedForDeletion() && after.hasFinalizer(SecretSync.FINALIZER)) {
            markUrgent(SyncEngine.keyOf(after));
        } else if (after.getSpec() != null && (before.getSpec() == null
                || !SpecFingerprint.of(before.getSpec()).equals(SpecFingerprint.of(after.getSpec())))) {
            markUrgent(SyncEngine.keyOf(after));
        }
    }

    /**
     * Gone for good: forget it everywhere. One deleted without going through our finalizer (created before this
     * version added finalizers) has its target cleaned up now, as the policies say.
     */
    @Override
    public void deleted(SecretSync resource) {
        SyncKey key = SyncEngine.keyOf(resource);
        known.remove(key);
        nextRefresh.remove(key);
        urgent.remove(key);
        engine.forget(key);
        if (leader.isLeader() && !resource.isMarkedForDeletion()) {
            lanes.onDemandInstead(key, k -> engine.onDeleted(resource));
        }
    }

    private void markUrgent(SyncKey key) {
        urgent.put(key, Boolean.TRUE);
        wake.release();
    }

    private void remember(SecretSync resource) {
        if (resource.getSpec() == null || resource.getSpec().vault() == null) {
            return;
        }
        Duration interval = RefreshInterval.parse(resource.getSpec().refreshInterval()).orElse(RefreshInterval.DEFAULT);
        known.put(SyncEngine.keyOf(resource), new Known(resource.getSpec().vault(), interval));
    }

    private static boolean isSettled(SecretSync resource) {
        if (resource.getStatus() == null || resource.getSpec() == null) {
            return false;
        }
        var ready = Conditions.ready(resource.getStatus().conditionsOrEmpty());
        return ready != null && "True".equals(ready.getStatus())
                && SpecFingerprint.of(resource.getSpec()).equals(resource.getStatus().observedSpecHash());
    }

    private void loop() {
        while (running) {
            try {
                wake.tryAcquire(config.tick().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                if (running && leader.isLeader()) {
                    tick(clock.instant());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf("scheduler tick failed: %s", e.getClass().getName());
            }
        }
    }

    /**
     * One tick: urgent syncs to the on-demand lane, due ones to the routine lane; both list each vault once for its
     * syncs. Returns what is in flight for each key it looked at, without waiting for any of it.
     */
    private Map<SyncKey, CompletableFuture<SyncOutcome>> tick(Instant now) {
        Map<SyncKey, CompletableFuture<SyncOutcome>> running = new LinkedHashMap<>();
        for (SyncKey key : List.copyOf(urgent.keySet())) {
            if (urgent.remove(key) != null) {
                running.put(key, dispatchUrgent(key));
            }
        }
        Map<VaultRef, List<SyncLanes.Run>> byVault = new LinkedHashMap<>();
        nextRefresh.forEach((key, due) -> {
            Known sync = known.get(key);
            if (due.isAfter(now) || sync == null || running.containsKey(key)) {
                return;
            }
            SyncLanes.Run run = lanes.claim(key);
            if (run != null) {
                byVault.computeIfAbsent(sync.vault(), v -> new ArrayList<>()).add(run);
                running.put(key, run.done());
            } else {
                Optional.ofNullable(lanes.inFlight(key)).ifPresent(inFlight -> running.put(key, inFlight));
            }
        });
        byVault.forEach((vault, runs) -> listThenSync(vault, SyncLanes.Lane.ROUTINE, () -> runs));
        return running;
    }

    /**
     * An urgent sync joins the batch of its vault still waiting for an on-demand worker (or opens one), so that a
     * burst of new SecretSyncs shares one listing; one already in flight gets a follow-up run instead.
     */
    private CompletableFuture<SyncOutcome> dispatchUrgent(SyncKey key) {
        Known sync = known.get(key);
        SyncLanes.Run run = sync == null ? null : lanes.claim(key);
        if (run == null) {
            return lanes.onDemand(key);
        }
        UrgentBatch[] opened = new UrgentBatch[1];
        openBatches.compute(sync.vault(), (vault, open) -> {
            UrgentBatch batch = open != null ? open : (opened[0] = new UrgentBatch());
            batch.runs.add(run);
            return batch;
        });
        if (opened[0] != null) {
            UrgentBatch batch = opened[0];
            listThenSync(sync.vault(), SyncLanes.Lane.ON_DEMAND, () -> {
                openBatches.remove(sync.vault(), batch);
                return batch.runs;
            });
        }
        return run.done();
    }

    /** Lists {@code vault} on {@code lane}, then starts the batch's syncs there with that listing. */
    private void listThenSync(VaultRef vault, SyncLanes.Lane lane, Supplier<List<SyncLanes.Run>> batch) {
        boolean queued = lanes.task(lane, () -> {
            List<SyncLanes.Run> runs = batch.get();
            SyncEngine.Listing listing = listing(vault);
            runs.forEach(run -> lanes.start(run, lane, key -> engine.sync(key, listing)));
        });
        if (!queued) {
            batch.get().forEach(run -> lanes.reject(run, lane));
        }
    }

    /** The vault's listing to share, or null (each sync then lists itself) if listing failed unexpectedly. */
    private SyncEngine.Listing listing(VaultRef vault) {
        try {
            return engine.list(vault);
        } catch (RuntimeException e) {
            LOG.errorf("listing %s failed unexpectedly (%s): each sync lists it itself", vault.url(),
                    e.getClass().getName());
            return null;
        }
    }

    private void reschedule(SyncKey key, SyncOutcome outcome) {
        Known sync = known.get(key);
        if (sync == null) {
            return;
        }
        Instant now = clock.instant();
        boolean failed = SyncOutcome.FAILED.equals(outcome.result());
        Duration interval = sync.interval();
        Instant next = failed
                ? schedule.next(now, interval.isZero() ? FAILURE_RETRY : min(interval, FAILURE_RETRY))
                : schedule.next(now, interval);
        if (next == null) {
            nextRefresh.remove(key);
        } else {
            nextRefresh.put(key, next);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return Objects.requireNonNull(a).compareTo(b) <= 0 ? a : b;
    }
}

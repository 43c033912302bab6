package io.statefulsuite.secretssync.sync;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.statefulsuite.secretssync.config.SecretsSyncConfig;
import io.statefulsuite.secretssync.crd.SecretSync;
import io.statefulsuite.secretssync.domain.Conditions;
import io.statefulsuite.secretssync.domain.RefreshInterval;
import io.statefulsuite.secretssync.domain.RefreshSchedule;
import io.statefulsuite.secretssync.domain.SpecFingerprint;
import io.statefulsuite.secretssync.domain.SyncKey;
import io.statefulsuite.secretssync.domain.SyncTask;
import io.statefulsuite.secretssync.domain.VaultRef;
import io.statefulsuite.secretssync.k8s.LeaderGate;
import io.statefulsuite.secretssync.k8s.SecretSyncWatcher;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

/**
 * Decides when syncs run. Each tick takes the urgent syncs (new or changed SecretSyncs) first, then the due
 * routine refreshes, lists every vault involved once and hands that listing to all its syncs. Informer events
 * wake the loop at once, so a new SecretSync never waits for the tick or behind routine work.
 */
@ApplicationScoped
public class SyncScheduler implements SecretSyncWatcher.Listener {

    private static final Logger LOG = Logger.getLogger(SyncScheduler.class);
    private static final Duration FAILURE_RETRY = Duration.ofMinutes(1);

    /** What the scheduler knows of a SecretSync. */
    private record Known(VaultRef vault, Duration interval) {
    }

    private final SyncEngine engine;
    private final SecretSyncWatcher watcher;
    private final LeaderGate leader;
    private final SecretsSyncConfig.Refresh config;
    private final RefreshSchedule schedule;
    private final Clock clock = Clock.systemUTC();
    private final Map<SyncKey, Known> known = new ConcurrentHashMap<>();
    private final Map<SyncKey, Instant> nextRefresh = new ConcurrentHashMap<>();
    private final Map<SyncKey, Boolean> urgent = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private final ExecutorService pool;
    private volatile boolean running;
    private Thread loop;

    public SyncScheduler(SyncEngine engine, SecretSyncWatcher watcher, LeaderGate leader, SecretsSyncConfig config) {
        this.engine = engine;
        this.watcher = watcher;
        this.leader = leader;
        this.config = config.refresh();
        this.schedule = new RefreshSchedule(this.config.jitter(), this.config.startupSpread(), RandomGenerator.getDefault());
        this.pool = Executors.newFixedThreadPool(Math.max(1, this.config.parallelism()), runnable -> {
            Thread thread = new Thread(runnable, "secrets-sync-worker");
            thread.setDaemon(true);
            return thread;
        });
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("periodic syncing disabled (secrets-sync.refresh.enabled=false): REST only");
            return;
        }
        running = true;
        leader.start();
        watcher.start(this);
        loop = new Thread(this::loop, "secrets-sync-scheduler");
        loop.setDaemon(true);
        loop.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        watcher.stop();
        leader.stop();
        wake.release();
        pool.shutdownNow();
    }

    /** Sync now, outside the schedule, waiting at most the configured time. Empty on timeout. */
    public Optional<SyncOutcome> syncNow(SyncKey key) {
        CompletableFuture<SyncOutcome> running = CompletableFuture.supplyAsync(() -> engine.sync(key, null), pool);
        try {
            SyncOutcome outcome = running.get(config.syncNowTimeout().toMillis(), TimeUnit.MILLISECONDS);
            reschedule(key, outcome);
            return Optional.of(outcome);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("sync of " + key + " failed", e.getCause());
        }
    }

    /** Runs every known sync now as one routine tick (one listing per vault); for tests and benchmarks. */
    public Map<SyncKey, SyncOutcome> refreshAllNow() {
        Instant now = clock.instant();
        known.keySet().forEach(key -> nextRefresh.put(key, now));
        return tick(now);
    }

    /** The SecretSyncs the scheduler currently tracks (from the informer). */
    public Set<SyncKey> knownSyncs() {
        return Set.copyOf(known.keySet());
    }

    @Override
    public void added(SecretSync resource) {
        SyncKey key = SyncEngine.keyOf(resource);
        remember(resource);
        if (isSettled(resource)) {
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
        if (after.getSpec() != null && (before.getSpec() == null
                || !SpecFingerprint.of(before.getSpec()).equals(SpecFingerprint.of(after.getSpec())))) {
            markUrgent(SyncEngine.keyOf(after));
        }
    }

    @Override
    public void deleted(SecretSync resource) {
        SyncKey key = SyncEngine.keyOf(resource);
        known.remove(key);
        nextRefresh.remove(key);
        urgent.remove(key);
        if (leader.isLeader()) {
            pool.submit(() -> engine.onDeleted(resource));
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

    /** One tick: urgent first, then due; one listing per vault shared by its syncs. */
    private synchronized Map<SyncKey, SyncOutcome> tick(Instant now) {
        List<SyncTask> tasks = new ArrayList<>();
        for (SyncKey key : List.copyOf(urgent.keySet())) {
            urgent.remove(key);
            tasks.add(new SyncTask(key, SyncTask.Priority.URGENT, now));
        }
        nextRefresh.forEach((key, due) -> {
            if (!due.isAfter(now) && tasks.stream().noneMatch(t -> t.key().equals(key))) {
                tasks.add(new SyncTask(key, SyncTask.Priority.ROUTINE, due));
            }
        });
        tasks.sort(null);
        Map<VaultRef, List<SyncKey>> byVault = new LinkedHashMap<>();
        for (SyncTask task : tasks) {
            Known sync = known.get(task.key());
            if (sync != null) {
                byVault.computeIfAbsent(sync.vault(), v -> new ArrayList<>()).add(task.key());
            }
        }
        Map<SyncKey, CompletableFuture<SyncOutcome>> running = new LinkedHashMap<>();
        byVault.forEach((vault, keys) -> {
            SyncEngine.Listing listing = engine.list(vault);
            keys.forEach(key -> running.put(key, CompletableFuture.supplyAsync(() -> engine.sync(key, listing), pool)));
        });
        Map<SyncKey, SyncOutcome> outcomes = new LinkedHashMap<>();
        running.forEach((key, future) -> {
            SyncOutcome outcome = future.join();
            outcomes.put(key, outcome);
            reschedule(key, outcome);
        });
        return outcomes;
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

package io.statefulsuite.secretssync.sync;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import io.statefulsuite.secretssync.config.SecretsSyncConfig;
import io.statefulsuite.secretssync.crd.SecretSync;
import io.statefulsuite.secretssync.crd.Conditions;
import io.statefulsuite.secretssync.crd.Conditions.Reason;
import io.statefulsuite.secretssync.domain.DataFromItem;
import io.statefulsuite.secretssync.domain.DataItem;
import io.statefulsuite.secretssync.domain.FetchedSecret;
import io.statefulsuite.secretssync.domain.Policies;
import io.statefulsuite.secretssync.domain.RefreshPlanner;
import io.statefulsuite.secretssync.domain.SecretSyncSpec;
import io.statefulsuite.secretssync.crd.SecretSyncStatus;
import io.statefulsuite.secretssync.domain.SourceRef;
import io.statefulsuite.secretssync.domain.SpecFingerprint;
import io.statefulsuite.secretssync.domain.SpecValidator;
import io.statefulsuite.secretssync.domain.SyncKey;
import io.statefulsuite.secretssync.domain.SyncedVersion;
import io.statefulsuite.secretssync.domain.TargetData;
import io.statefulsuite.secretssync.domain.TargetDataRenderer;
import io.statefulsuite.secretssync.manifests.TargetSecrets;
import io.statefulsuite.secretssync.domain.Tenancy;
import io.statefulsuite.secretssync.domain.VaultItem;
import io.statefulsuite.secretssync.domain.VaultRef;
import io.statefulsuite.secretssync.domain.Violation;
import io.statefulsuite.secretssync.k8s.SecretSyncRepository;
import io.statefulsuite.secretssync.k8s.TargetSecretWriter;
import io.statefulsuite.secretssync.keyvault.KeyVaultGateway;
import io.statefulsuite.secretssync.keyvault.VaultException;
import io.statefulsuite.secretssync.metrics.SyncMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs one sync: list (or reuse the tick's listing), plan, GET only what changed, render, write the target
 * only if its content changes, record status. A vault error, a missing secret or a render error leaves the
 * target exactly as it was and says why in the status.
 */
@ApplicationScoped
public class SyncEngine {

    private static final Logger LOG = Logger.getLogger(SyncEngine.class);

    /** A vault listing shared by the syncs of one tick, or why it could not be had. */
    public record Listing(Map<String, VaultItem> items, VaultException error) {
    }

    /** A source the listing had that was gone by the time we read it. */
    private static final class SourceVanished extends RuntimeException {
        SourceVanished(SourceRef source) {
            super("vault secret " + source + " was deleted during the sync", null, false, false);
        }
    }

    private final SecretSyncRepository repository;
    private final TargetSecretWriter writer;
    private final KeyVaultGateway gateway;
    private final ValueCache cache;
    private final SyncMetrics metrics;
    private final Tenancy tenancy;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService fetchPool;
    private final Set<SyncKey> healthy = ConcurrentHashMap.newKeySet();

    public SyncEngine(SecretSyncRepository repository, TargetSecretWriter writer, KeyVaultGateway gateway,
                      ValueCache cache, SyncMetrics metrics, SecretsSyncConfig config) {
        this.repository = repository;
        this.writer = writer;
        this.gateway = gateway;
        this.cache = cache;
        this.metrics = metrics;
        this.tenancy = tenancy(config.tenancy());
        this.fetchPool = fetchPool(Math.max(2, config.refresh().parallelism() * 2));
    }

    /**
     * Parallel GETs within one sync. When every thread is busy the sync fetches on its own thread instead of
     * queueing, so a slow vault's GETs never hold up another vault's sync.
     */
    private static ExecutorService fetchPool(int threads) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "secrets-sync-fetch");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    static Tenancy tenancy(SecretsSyncConfig.Tenancy config) {
        return new Tenancy(config.allowedNamespaces().orElse(List.of()), config.vaults());
    }

    public Tenancy tenancy() {
        return tenancy;
    }

    @PreDestroy
    void stop() {
        fetchPool.shutdownNow();
    }

    /** Lists a vault once for all its syncs of a tick; failures are carried, not thrown. */
    public Listing list(VaultRef vault) {
        try {
            return new Listing(gateway.list(vault).stream()
                    .collect(Collectors.toMap(VaultItem::name, item -> item, (a, b) -> b, LinkedHashMap::new)), null);
        } catch (VaultException e) {
            return new Listing(Map.of(), e);
        }
    }

    /**
     * Syncs {@code key} with a shared listing, or lists its vault itself when {@code shared} is null; a SecretSync
     * being deleted is finalized instead. The caller runs at most one sync per key at a time ({@link SyncLanes}).
     */
    public SyncOutcome sync(SyncKey key, Listing shared) {
        long started = System.nanoTime();
        SyncOutcome outcome;
        try {
            Optional<SecretSync> found = repository.get(key);
            if (found.isPresent() && found.get().isMarkedForDeletion()) {
                return finalizeDeletion(found.get());
            }
            outcome = found.isEmpty()
                    ? SyncOutcome.failed("NotFound", "SecretSync " + key + " does not exist", null)
                    : syncExisting(found.get(), shared);
        } catch (RuntimeException e) {
            LOG.errorf("sync of %s failed unexpectedly: %s", key, e.getClass().getName());
            outcome = SyncOutcome.failed(Reason.SyncFailed.name(), "internal error: " + e.getClass().getSimpleName(), null);
        }
        record(key, outcome, Duration.ofNanos(System.nanoTime() - started));
        return outcome;
    }

    /** Forgets what was kept about a SecretSync that is gone. */
    public void forget(SyncKey key) {
        metrics.forget(key);
        healthy.remove(key);
        metrics.secretsManaged(healthy.size());
    }

    private void record(SyncKey key, SyncOutcome outcome, Duration duration) {
        boolean ok = !outcome.result().equals(SyncOutcome.FAILED);
        metrics.syncFinished(ok ? outcome.result() : resultLabel(outcome.reason()), duration);
        if (ok) {
            metrics.syncSucceeded(key, clock.instant());
            healthy.add(key);
        } else {
            healthy.remove(key);
        }
        metrics.secretsManaged(healthy.size());
        if (ok) {
            LOG.debugf("sync %s: %s", key, outcome.result());
        } else {
            LOG.infof("sync %s: %s (%s) %s", key, outcome.result(), outcome.reason(), outcome.message());
        }
    }

    private static String resultLabel(String reason) {
        if (Reason.Throttled.name().equals(reason)) {
            return "throttled";
        }
        return Reason.SecretMissing.name().equals(reason) ? "missing" : "failed";
    }

    private SyncOutcome syncExisting(SecretSync resource, Listing shared) {
        SyncKey key = keyOf(resource);
        if (!resource.hasFinalizer(SecretSync.FINALIZER)) {
            repository.addFinalizer(key);
        }
        SecretSyncSpec spec = resource.getSpec();
        List<Violation> violations = new ArrayList<>(SpecValidator.validate(spec));
        if (violations.isEmpty()) {
            tenancy.refusal(key.namespace(), spec.vault().url()).ifPresent(violations::add);
        }
        if (!violations.isEmpty()) {
            return fail(resource, null, Reason.SyncFailed, "invalid spec: "
                    + violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
        }
        String target = TargetSecrets.targetName(spec, key);
        Listing listing = shared != null ? shared : list(spec.vault());
        if (listing.error() != null) {
            return fail(resource, target, reasonOf(listing.error()), listing.error().getMessage());
        }
        try {
            return syncWithListing(resource, spec, target, listing.items());
        } catch (VaultException e) {
            return fail(resource, target, reasonOf(e), e.getMessage());
        } catch (SourceVanished e) {
            return fail(resource, target, Reason.SecretMissing, e.getMessage() + "; the target keeps its last data");
        }
    }

    private SyncOutcome syncWithListing(SecretSync resource, SecretSyncSpec spec, String target,
                                        Map<String, VaultItem> listing) {
        SyncKey key = keyOf(resource);
        SecretSyncStatus status = resource.getStatus() == null ? SecretSyncStatus.EMPTY : resource.getStatus();
        TargetSecrets.Owner owner = owner(resource);
        Secret existing = writer.read(key.namespace(), target);
        Set<SourceRef> required = TargetDataRenderer.requiredSources(spec, listing.values());
        RefreshPlanner.Plan plan = RefreshPlanner.plan(required, listing, status.syncedVersionsOrEmpty(),
                source -> cached(spec.vault(), status, source).isPresent(),
                mustRerender(spec, status, existing, owner));
        if (!plan.missing().isEmpty() || !plan.disabled().isEmpty()) {
            return fail(resource, target, Reason.SecretMissing, describeMissing(plan) + "; the target keeps its last data");
        }
        if (!plan.removed().isEmpty()) {
            return handleRemoved(resource, spec, target, listing, plan.removed());
        }
        if (plan.nothingToDo()) {
            return new SyncOutcome(SyncOutcome.UNCHANGED, Reason.Synced.name(), "no vault secret changed", target,
                    versionIds(status.syncedVersionsOrEmpty()));
        }
        return renderAndWrite(resource, spec, target, listing, plan, required, null);
    }

    private SyncOutcome renderAndWrite(SecretSync resource, SecretSyncSpec spec, String target,
                                       Map<String, VaultItem> listing, RefreshPlanner.Plan plan,
                                       Set<SourceRef> required, String removedNote) {
        SyncKey key = keyOf(resource);
        SecretSyncStatus status = resource.getStatus() == null ? SecretSyncStatus.EMPTY : resource.getStatus();
        Map<SourceRef, FetchedSecret> values = values(spec.vault(), status, plan, required);
        TargetDataRenderer.Result rendered = TargetDataRenderer.render(spec, listing.values(),
                values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().value())));
        if (!rendered.ok()) {
            return fail(resource, target, Reason.SyncFailed, rendered.failure().field() + ": " + rendered.failure().message());
        }
        TargetData data = rendered.data();
        TargetSecrets.Write write = writer.apply(key.namespace(), target,
                current -> TargetSecrets.plan(owner(resource), spec, data, current));
        if (write instanceof TargetSecrets.Refused refused) {
            return fail(resource, target, Reason.SyncFailed, refused.reason());
        }
        long now = clock.instant().getEpochSecond();
        List<SyncedVersion> versions = required.stream().map(source -> plan.fetch().contains(source)
                ? fetchedNow(values.get(source), now) : synced(status, source).orElseThrow()).toList();
        boolean wrote = !(write instanceof TargetSecrets.Unchanged);
        Reason reason = removedNote == null ? Reason.Synced : Reason.SecretMissing;
        String message = removedNote == null ? "synced " + data.entries().size() + " keys into Secret " + target : removedNote;
        repository.updateStatus(key, previous -> new SecretSyncStatus(resource.getMetadata().getGeneration(),
                SpecFingerprint.of(spec),
                Conditions.withReady(conditions(previous), removedNote == null, reason, message,
                        resource.getMetadata().getGeneration(), clock.instant()),
                wrote || previous == null || previous.lastSyncTime() == null ? clock.instant().toString()
                        : previous.lastSyncTime(),
                versions, data.hash()));
        return new SyncOutcome(wrote ? SyncOutcome.SYNCED : SyncOutcome.UNCHANGED, reason.name(), message, target,
                versionIds(versions));
    }

    /** Values for every required source: fetched now (in parallel) or from the cache at the synced version. */
    private Map<SourceRef, FetchedSecret> values(VaultRef vault, SecretSyncStatus status, RefreshPlanner.Plan plan,
                                                 Set<SourceRef> required) {
        Map<SourceRef, CompletableFuture<Optional<FetchedSecret>>> fetching = new LinkedHashMap<>();
        plan.fetch().forEach(source -> fetching.put(source,
                CompletableFuture.supplyAsync(() -> gateway.get(vault, source), fetchPool)));
        Map<SourceRef, FetchedSecret> values = new LinkedHashMap<>();
        for (Map.Entry<SourceRef, CompletableFuture<Optional<FetchedSecret>>> entry : fetching.entrySet()) {
            FetchedSecret fetched = join(entry.getValue()).orElseThrow(() -> new SourceVanished(entry.getKey()));
            cache.put(vault.url(), fetched);
            values.put(entry.getKey(), fetched);
        }
        for (SourceRef source : required) {
            if (!values.containsKey(source)) {
                values.put(source, cached(vault, status, source).orElseThrow(() -> new SourceVanished(source)));
            }
        }
        return values;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** Sources removed from the vault: Retain keeps everything; Delete drops their keys (or the whole target). */
    private SyncOutcome handleRemoved(SecretSync resource, SecretSyncSpec spec, String target,
                                      Map<String, VaultItem> listing, Set<SourceRef> removed) {
        String names = removed.stream().map(SourceRef::toString).collect(Collectors.joining(", "));
        if (Policies.deletionOf(spec) == Policies.DeletionPolicy.Retain) {
            return fail(resource, target, Reason.SecretMissing, "vault secret(s) " + names
                    + " removed; the target keeps its last data (deletionPolicy Retain)");
        }
        SecretSyncSpec remaining = withoutSources(spec, removed);
        String note = "vault secret(s) " + names + " removed; their keys were deleted (deletionPolicy Delete)";
        if (remaining.dataOrEmpty().isEmpty() && remaining.dataFromOrEmpty().isEmpty()) {
            SyncKey key = keyOf(resource);
            writer.apply(key.namespace(), target, current -> TargetSecrets.removal(owner(resource), spec, current));
            repository.updateStatus(key, previous -> new SecretSyncStatus(resource.getMetadata().getGeneration(),
                    SpecFingerprint.of(spec), Conditions.withReady(conditions(previous), false, Reason.SecretMissing,
                    note + "; nothing is left, so the target was removed", resource.getMetadata().getGeneration(),
                    clock.instant()), clock.instant().toString(), List.of(), null));
            return new SyncOutcome(SyncOutcome.SYNCED, Reason.SecretMissing.name(), note, target, Map.of());
        }
        SecretSyncStatus status = resource.getStatus() == null ? SecretSyncStatus.EMPTY : resource.getStatus();
        Set<SourceRef> required = TargetDataRenderer.requiredSources(remaining, listing.values());
        RefreshPlanner.Plan plan = RefreshPlanner.plan(required, listing, status.syncedVersionsOrEmpty(),
                source -> cached(remaining.vault(), status, source).isPresent(), true);
        return renderAndWrite(resource, remaining, target, listing, plan, required, note);
    }

    private static SecretSyncSpec withoutSources(SecretSyncSpec spec, Set<SourceRef> removed) {
        List<DataItem> data = spec.dataOrEmpty().stream()
                .filter(d -> !removed.contains(SourceRef.of(d.remoteRef().name(), d.remoteRef().version()))).toList();
        List<DataFromItem> dataFrom = spec.dataFromOrEmpty().stream()
                .filter(d -> d.extract() == null
                        || !removed.contains(SourceRef.of(d.extract().name(), d.extract().version()))).toList();
        return new SecretSyncSpec(spec.vault(), data, dataFrom, spec.target(), spec.refreshInterval());
    }

    /** A SecretSync marked for deletion: deal with its target as the policies say, then release it. */
    private SyncOutcome finalizeDeletion(SecretSync resource) {
        SyncOutcome outcome = resource.hasFinalizer(SecretSync.FINALIZER) ? onDeleted(resource)
                : cleanedUp(resource, "nothing to clean up");
        repository.removeFinalizer(keyOf(resource));
        return outcome;
    }

    /** Deleting a SecretSync: Owner deletes the target, Merge+Delete strips our keys, anything else keeps it. */
    public SyncOutcome onDeleted(SecretSync resource) {
        SyncKey key = keyOf(resource);
        SecretSyncSpec spec = resource.getSpec();
        if (spec == null || spec.target() == null || !SpecValidator.validate(spec).isEmpty()) {
            return cleanedUp(resource, "invalid spec: the target was left alone");
        }
        Policies.CreationPolicy creation = Policies.creationOf(spec);
        boolean keep = creation == Policies.CreationPolicy.Orphan || (creation == Policies.CreationPolicy.Merge
                && Policies.deletionOf(spec) == Policies.DeletionPolicy.Retain);
        if (keep) {
            return cleanedUp(resource, "the target was kept (creationPolicy " + creation + ")");
        }
        String target = TargetSecrets.targetName(spec, key);
        TargetSecrets.Write write = writer.apply(key.namespace(), target,
                current -> TargetSecrets.removal(owner(resource), spec, current));
        return cleanedUp(resource, write instanceof TargetSecrets.Delete ? "Secret " + target + " was deleted"
                : write instanceof TargetSecrets.Update ? "our keys were removed from Secret " + target
                : "Secret " + target + " was not ours or already gone");
    }

    private static SyncOutcome cleanedUp(SecretSync resource, String message) {
        return new SyncOutcome(SyncOutcome.SYNCED, "Deleted", "SecretSync " + keyOf(resource) + " deleted; " + message,
                null, Map.of());
    }

    private boolean mustRerender(SecretSyncSpec spec, SecretSyncStatus status, Secret existing,
                                 TargetSecrets.Owner owner) {
        Condition ready = Conditions.ready(status.conditionsOrEmpty());
        if (existing == null || ready == null || !"True".equals(ready.getStatus())
                || !SpecFingerprint.of(spec).equals(status.observedSpecHash())) {
            return true;
        }
        TargetData ours = TargetSecrets.ourData(existing, owner, spec);
        return ours == null || !ours.hash().equals(status.targetDataHash());
    }

    private Optional<FetchedSecret> cached(VaultRef vault, SecretSyncStatus status, SourceRef source) {
        return synced(status, source).flatMap(entry -> cache.get(vault.url(), source, entry.version()));
    }

    private static SyncedVersion fetchedNow(FetchedSecret value, long now) {
        SourceRef source = value.source();
        return new SyncedVersion(source.name(), value.version(), source.pinned(), value.updated(), now);
    }

    private static Optional<SyncedVersion> synced(SecretSyncStatus status, SourceRef source) {
        return status.syncedVersionsOrEmpty().stream().filter(v -> v.source().equals(source)).findFirst();
    }

    private SyncOutcome fail(SecretSync resource, String target, Reason reason, String message) {
        SyncKey key = keyOf(resource);
        repository.updateStatus(key, previous -> {
            SecretSyncStatus base = previous == null ? SecretSyncStatus.EMPTY : previous;
            return new SecretSyncStatus(base.observedGeneration(), base.observedSpecHash(),
                    Conditions.withReady(conditions(previous), false, reason, message,
                            resource.getMetadata().getGeneration(), clock.instant()),
                    base.lastSyncTime(), base.syncedVersions(), base.targetDataHash());
        });
        return SyncOutcome.failed(reason.name(), message, target);
    }

    private static List<Condition> conditions(SecretSyncStatus status) {
        return status == null ? List.of() : status.conditionsOrEmpty();
    }

    private static Reason reasonOf(VaultException e) {
        return e.kind() == VaultException.Kind.THROTTLED ? Reason.Throttled : Reason.SyncFailed;
    }

    private static String describeMissing(RefreshPlanner.Plan plan) {
        List<String> parts = new ArrayList<>();
        if (!plan.missing().isEmpty()) {
            parts.add("vault secret(s) not found: " + plan.missing().stream().map(SourceRef::toString)
                    .collect(Collectors.joining(", ")));
        }
        if (!plan.disabled().isEmpty()) {
            parts.add("vault secret(s) disabled: " + plan.disabled().stream().map(SourceRef::toString)
                    .collect(Collectors.joining(", ")));
        }
        return String.join("; ", parts);
    }

    private static Map<String, String> versionIds(List<SyncedVersion> versions) {
        Map<String, String> ids = new LinkedHashMap<>();
        versions.forEach(v -> ids.put(v.source().toString(), v.version()));
        return ids;
    }

    static SyncKey keyOf(SecretSync resource) {
        return new SyncKey(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    }

    private static TargetSecrets.Owner owner(SecretSync resource) {
        return new TargetSecrets.Owner(SecretSync.API_VERSION, "SecretSync", keyOf(resource),
                resource.getMetadata().getUid());
    }
}

package io.statefulsuite.provisioner.reconcile;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Timer;
import io.statefulsuite.provisioner.config.ProvisionerConfig;
import io.statefulsuite.provisioner.crd.AuthSpec;
import io.statefulsuite.provisioner.crd.ClusterPhase;
import io.statefulsuite.provisioner.crd.HealthSummary;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.crd.ValkeyClusterStatus;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.NodeTransport;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import io.statefulsuite.provisioner.domain.SpecValidator;
import io.statefulsuite.provisioner.domain.StartupBlocker;
import io.statefulsuite.provisioner.domain.VaultPassword;
import io.statefulsuite.provisioner.domain.Violation;
import io.statefulsuite.provisioner.domain.formation.FormationReport;
import io.statefulsuite.provisioner.manifests.AppliedPasswordManifest;
import io.statefulsuite.provisioner.manifests.RenderOptions;
import io.statefulsuite.provisioner.manifests.ValkeyClusterManifests;
import io.statefulsuite.provisioner.domain.rollout.RolloutProgress;
import io.statefulsuite.provisioner.k8s.ClusterCleanup;
import io.statefulsuite.provisioner.k8s.ClusterObserver;
import io.statefulsuite.provisioner.k8s.ClusterObserver.Observation;
import io.statefulsuite.provisioner.k8s.ManifestApplier;
import io.statefulsuite.provisioner.k8s.TlsSecrets;
import io.statefulsuite.provisioner.k8s.ValkeyClusterStore;
import io.statefulsuite.provisioner.peers.HealthApi.Verdict;
import io.statefulsuite.provisioner.peers.HealthPeer;
import io.statefulsuite.provisioner.peers.PeerRejectedException;
import io.statefulsuite.provisioner.peers.PeerUnavailableException;
import io.statefulsuite.provisioner.peers.SecretsSyncPeer;
import io.statefulsuite.provisioner.reconcile.FormationRunner.FormationFailure;
import io.statefulsuite.provisioner.reconcile.ReconcileMetrics.Result;
import io.statefulsuite.provisioner.valkey.PasswordRotation;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One pass of converging one ValkeyCluster: validate, render, apply, observe, form the Valkey cluster, write status.
 * It keeps nothing between passes: everything is read back from the cluster, so any replica can take over.
 */
@ApplicationScoped
public class ClusterReconciler {

    static final String SPEC_VALID = "SpecValid";
    static final String PROVISIONED = "Provisioned";
    static final String PODS_RUNNING = "PodsRunning";
    static final String FORMED = "Formed";
    static final String READY = "Ready";
    static final String RECONCILED = "Reconciled";
    static final String PASSWORD_SYNCED = "PasswordSynced";
    static final String HEALTHY = "Healthy";
    static final String PASSWORD_APPLIED = "PasswordApplied";
    static final String VOLUME_EXPANSION = "VolumeExpansion";

    private static final Logger LOG = Logger.getLogger(ClusterReconciler.class);

    private final ValkeyClusterStore store;
    private final ManifestApplier applier;
    private final ClusterObserver observer;
    private final ClusterCleanup cleanup;
    private final FormationRunner formation;
    private final ReconcileMetrics metrics;
    private final SecretsSyncPeer secretsSync;
    private final HealthPeer health;
    private final ProvisionerConfig config;
    private final PasswordRotation rotation;
    private final RolloutRunner rollout;
    private final TlsSecrets tlsSecrets;
    private final Clock clock = Clock.systemUTC();

    public ClusterReconciler(ValkeyClusterStore store, ManifestApplier applier, ClusterObserver observer,
                             ClusterCleanup cleanup, FormationRunner formation, ReconcileMetrics metrics,
                             SecretsSyncPeer secretsSync, HealthPeer health, ProvisionerConfig config,
                             PasswordRotation rotation, RolloutRunner rollout, TlsSecrets tlsSecrets) {
        this.store = store;
        this.applier = applier;
        this.observer = observer;
        this.cleanup = cleanup;
        this.formation = formation;
        this.metrics = metrics;
        this.secretsSync = secretsSync;
        this.health = health;
        this.config = config;
        this.rotation = rotation;
        this.rollout = rollout;
        this.tlsSecrets = tlsSecrets;
    }

    /**
     * Reconciles the cluster with key {@code namespace/name}: SUCCESS when it converged, PENDING when it waits for
     * something outside (pods, a verdict), ERROR when the pass failed.
     */
    public Result reconcile(String key) {
        Timer.Sample sample = metrics.start();
        Result result = Result.ERROR;
        try {
            result = reconcile(ClusterKey.namespace(key), ClusterKey.name(key));
            return result;
        } catch (KubernetesClientException e) {
            reportApiFailure(key, e);
            return Result.ERROR;
        } finally {
            metrics.record(sample, result);
        }
    }

    private Result reconcile(String namespace, String name) {
        Optional<ValkeyCluster> found = store.find(namespace, name);
        if (found.isEmpty()) {
            metrics.forget(ClusterKey.of(namespace, name));
            return Result.SUCCESS;
        }
        ValkeyCluster cluster = found.get();
        if (cluster.isMarkedForDeletion()) {
            return finalizeDeletion(cluster);
        }
        store.ensureFinalizer(cluster);
        Pass pass = new Pass(cluster);
        List<Violation> violations = SpecValidator.validate(namespace, name, cluster.getSpec());
        if (!violations.isEmpty()) {
            pass.conditions.set(SPEC_VALID, false, "InvalidSpec", describe(violations));
            return pass.finish(ClusterPhase.Failed, Result.SUCCESS, null);
        }
        pass.conditions.set(SPEC_VALID, true, "Valid", "the spec passed validation");
        ResolvedSpec spec = ResolvedSpec.resolve(namespace, name, cluster.getSpec());
        Optional<String> password = observer.password(namespace, spec.authSecretName(), spec.passwordKey());
        syncPasswordFromVault(pass, spec, password.isPresent());
        if (password.isEmpty()) {
            pass.conditions.set(PROVISIONED, false, "AuthSecretMissing", "waiting for Secret " + namespace + "/"
                    + spec.authSecretName() + " with key '" + spec.passwordKey() + "'; nothing is created before it exists");
            return pass.finish(ClusterPhase.Pending, Result.PENDING, null);
        }
        Optional<NodeTransport> transport = transport(pass, spec);
        if (transport.isEmpty()) {
            return pass.finish(ClusterPhase.Pending, Result.PENDING, null);
        }
        String applied = observer.password(namespace, AppliedPasswordManifest.name(name), AppliedPasswordManifest.KEY)
                .orElseGet(() -> {
                    recordAppliedPassword(cluster, password.get()); // the pods about to start read this very value
                    return password.get();
                });
        applier.apply(cluster, ValkeyClusterManifests.render(namespace, name, spec, RenderOptions.DEFAULTS))
                .ifPresent(refused -> pass.conditions.set(VOLUME_EXPANSION, false, "ExpansionNotAllowed", refused));
        pass.conditions.set(PROVISIONED, true, "Applied", "all objects applied");
        Observation observed = observer.observe(namespace, ClusterLabels.allPodsSelector(name));
        pass.rollout = rollout.progress(cluster, spec, observed); // rolling update: where it stands
        return converge(pass, spec, observed, new NodeAccess(password.get(), applied, transport.get()));
    }

    /**
     * How to reach the nodes: plain TCP, or TLS trusting only the ca.crt of the {@code spec.tls} Secret. Empty, and
     * said in status, while that Secret is missing, incomplete or its CA unusable: pods could not start with it
     * anyway, and the nodes are never spoken to in plain TCP instead.
     */
    private Optional<NodeTransport> transport(Pass pass, ResolvedSpec spec) {
        if (!spec.tls()) {
            return Optional.of(NodeTransport.PLAIN);
        }
        TlsSecrets.Lookup lookup = tlsSecrets.transport(pass.namespace(), spec.tlsSecretName());
        if (lookup instanceof TlsSecrets.Found found) {
            return Optional.of(found.transport());
        }
        if (lookup instanceof TlsSecrets.Missing missing) {
            pass.conditions.set(PROVISIONED, false, "TlsSecretMissing", "waiting for spec.tls: "
                    + missing.message() + "; nothing is created before it is complete");
        } else if (lookup instanceof TlsSecrets.Invalid invalid) {
            pass.conditions.set(PROVISIONED, false, "TlsSecretInvalid", "spec.tls: " + invalid.message());
        }
        return Optional.empty();
    }

    /**
     * What the nodes are reached with: the password of the auth Secret ({@code desired}), the one the running nodes
     * were last given ({@code applied}), and the transport.
     */
    private record NodeAccess(String desired, String applied, NodeTransport transport) {

        @Override
        public String toString() {
            return "NodeAccess[" + transport + "]"; // never the passwords
        }
    }

    private Result converge(Pass pass, ResolvedSpec spec, Observation observed, NodeAccess access) {
        int expected = spec.shards() + spec.replicaCount();
        long running = observed.pods().stream().filter(Observation::isRunningWithIp).count();
        boolean wasFormed = pass.previouslyFormed();
        if (running < expected) {
            // Kubernetes may already know why pods will not come (no node, no volume, a quota): say it, not "starting".
            String progress = running + " of " + expected + " pods running with an IP";
            Optional<StartupBlocker> blocker = observer.startupBlocker(pass.namespace(), pass.name(), spec, observed);
            pass.conditions.set(PODS_RUNNING, false, blocker.map(StartupBlocker::reason).orElse("PodsStarting"),
                    blocker.map(b -> b.message() + "; " + progress).orElse(progress)).keep(FORMED);
            return pass.finish(wasFormed ? ClusterPhase.Degraded : ClusterPhase.Provisioning, Result.PENDING, observed);
        }
        pass.conditions.set(PODS_RUNNING, true, "AllRunning", "all " + expected + " pods running");
        if (!passwordApplied(pass, spec, observed, access)) {
            return pass.finish(wasFormed ? ClusterPhase.Degraded : ClusterPhase.Bootstrapping, Result.PENDING, observed);
        }
        FormationReport report;
        try {
            report = formation.converge(pass.namespace(), pass.name(), spec, observed, access.desired(),
                    access.transport());
        } catch (FormationFailure e) {
            pass.conditions.set(FORMED, false, "FormationFailed", e.getMessage());
            return pass.finish(wasFormed ? ClusterPhase.Degraded : ClusterPhase.Bootstrapping, Result.PENDING, observed);
        }
        if (report.unsupported()) {
            pass.conditions.set(FORMED, false, "UnsupportedChange", report.message());
            return pass.finish(ClusterPhase.Failed, Result.PENDING, observed);
        }
        if (!report.formed()) {
            pass.conditions.set(FORMED, false, "Forming", report.message());
            return pass.finish(wasFormed ? ClusterPhase.Degraded : ClusterPhase.Bootstrapping, Result.PENDING, observed);
        }
        pass.conditions.set(FORMED, true, "Formed", report.message());
        long ready = observed.pods().stream().filter(Observation::isReady).count();
        if (ready < expected) {
            pass.conditions.set(READY, false, "PodsNotReady", ready + " of " + expected + " pods ready");
            return pass.finish(wasFormed ? ClusterPhase.Degraded : ClusterPhase.Bootstrapping, Result.PENDING, observed);
        }
        // rolling update: one pod per pass, only now that the cluster is formed and every pod ready
        pass.rollout = rollout.step(pass.cluster, spec, observed, access.desired(), access.transport());
        return finishOnHealthVerdict(pass, observed);
    }

    /**
     * When the auth Secret holds a new password (e.g. rotated in Key Vault), the running nodes are moved to it,
     * logging in with the one recorded as applied; true when the nodes require the Secret's password.
     */
    private boolean passwordApplied(Pass pass, ResolvedSpec spec, Observation observed, NodeAccess access) {
        String desired = access.desired();
        if (access.applied().equals(desired)) {
            pass.conditions.keep(PASSWORD_APPLIED);
            return true;
        }
        List<String> ips = observed.pods().stream().filter(Observation::isRunningWithIp)
                .map(pod -> pod.getStatus().getPodIP()).toList();
        PasswordRotation.Outcome outcome;
        try {
            outcome = rotation.rotate(ips, access.transport(), access.applied(), desired);
        } catch (IllegalStateException e) {
            pass.conditions.set(PASSWORD_APPLIED, false, "RotationFailed", e.getMessage());
            return false;
        }
        if (!outcome.complete()) {
            pass.conditions.set(PASSWORD_APPLIED, false, "RotationIncomplete", outcome.rotated() + " of " + ips.size()
                    + " nodes use the new password of Secret " + spec.authSecretName() + "; " + outcome.unreachable()
                    + " accepted neither password (restart them to read the new one)");
            return false;
        }
        recordAppliedPassword(pass.cluster, desired);
        pass.conditions.set(PASSWORD_APPLIED, true, "Rotated", "the running nodes were moved to the new password of "
                + "Secret " + spec.authSecretName() + " (" + outcome.rotated() + " nodes, replication kept)");
        LOG.infof("Rotated the password of ValkeyCluster %s/%s on %d nodes", pass.namespace(), pass.name(),
                outcome.rotated());
        return true;
    }

    private void recordAppliedPassword(ValkeyCluster cluster, String password) {
        applier.apply(cluster, List.of(AppliedPasswordManifest.render(cluster.getMetadata().getNamespace(),
                cluster.getMetadata().getName(), password)));
    }

    /**
     * Mirrors the password from Key Vault through secrets-sync-service when the cluster keeps it there: asked again
     * only when the Secret is missing or the spec changed since it last succeeded, so steady clusters cost no call.
     */
    private void syncPasswordFromVault(Pass pass, ResolvedSpec spec, boolean secretPresent) {
        AuthSpec auth = pass.cluster.getSpec() == null ? null : pass.cluster.getSpec().getAuth();
        Optional<VaultPassword> source = VaultPassword.resolve(pass.namespace(), pass.name(), auth,
                config.secretsSync().defaultVaultUrl());
        if (source.isEmpty()) {
            if (auth != null && auth.getKeyVault() != null) {
                pass.conditions.set(PASSWORD_SYNCED, false, "NoVault", "spec.auth.keyVault has no vaultUrl and this "
                        + "provisioner has no default vault (provisioner.secrets-sync.default-vault-url)");
            }
            return;
        }
        if (secretPresent && pass.conditions.wasTrueForThisGeneration(PASSWORD_SYNCED)) {
            pass.conditions.keep(PASSWORD_SYNCED);
            return;
        }
        VaultPassword vault = source.get();
        try {
            boolean generated = secretsSync.ensurePassword(pass.namespace(), pass.name(), vault,
                    spec.authSecretName(), spec.passwordKey()).generated();
            pass.conditions.set(PASSWORD_SYNCED, true, "Mirrored", "vault secret " + vault.vaultSecretName()
                    + (generated ? " generated" : "") + " in " + vault.vaultUrl() + " is mirrored into Secret "
                    + spec.authSecretName() + " by secrets-sync-service");
        } catch (PeerUnavailableException | CircuitBreakerOpenException e) {
            pass.conditions.set(PASSWORD_SYNCED, false, "SecretsSyncUnavailable", e.getMessage());
        } catch (PeerRejectedException e) {
            pass.conditions.set(PASSWORD_SYNCED, false, "SecretsSyncRejected", e.getMessage());
        }
    }

    /**
     * Ready needs valkey-health-service's HEALTHY verdict. Without an answer a new cluster waits; one that was Ready
     * stays Ready on what the provisioner sees itself, with Healthy Unknown, so a monitoring outage does not flap it.
     */
    private Result finishOnHealthVerdict(Pass pass, Observation observed) {
        if (!config.health().enabled()) {
            return pass.finish(ClusterPhase.Ready, pass.readyResult(), observed);
        }
        Verdict verdict;
        try {
            verdict = health.verdict(pass.namespace(), pass.name());
        } catch (PeerUnavailableException | PeerRejectedException | CircuitBreakerOpenException e) {
            pass.health = new HealthSummary("UNAVAILABLE", null, null, e.getMessage());
            boolean keepReady = pass.previouslyReady();
            pass.conditions.set(HEALTHY, Conditions.UNKNOWN, "HealthServiceUnavailable", e.getMessage()
                    + (keepReady ? "; Ready kept from the last verdict" : "; Ready waits for a verdict"));
            return keepReady ? pass.finish(ClusterPhase.Ready, pass.readyResult(), observed)
                    : pass.finish(ClusterPhase.Bootstrapping, Result.PENDING, observed);
        }
        String summary = verdict.summary();
        pass.health = new HealthSummary(verdict.status(), verdict.checkedAt(), verdict.findingsOrEmpty().size(), summary);
        if (HealthPeer.HEALTHY.equals(verdict.status())) {
            pass.conditions.set(HEALTHY, true, "Healthy", summary);
            return pass.finish(ClusterPhase.Ready, pass.readyResult(), observed);
        }
        pass.conditions.set(HEALTHY, HealthPeer.UNKNOWN.equals(verdict.status()) ? Conditions.UNKNOWN : Conditions.FALSE,
                verdict.status(), summary);
        pass.conditions.set(READY, false, "NotHealthy", "valkey-health-service says " + verdict.status());
        return pass.finish(pass.previouslyFormed() ? ClusterPhase.Degraded : ClusterPhase.Bootstrapping,
                Result.PENDING, observed);
    }

    private Result finalizeDeletion(ValkeyCluster cluster) {
        String namespace = cluster.getMetadata().getNamespace();
        String name = cluster.getMetadata().getName();
        if (!cluster.hasFinalizer(ValkeyClusterStore.FINALIZER)) {
            return Result.SUCCESS;
        }
        boolean retainVolumes = ValkeyClusterStore.retainsVolumes(cluster);
        store.writeStatus(namespace, name, previous -> deletingStatus(previous, generationOf(cluster), retainVolumes));
        cleanup.deleteWorkload(namespace, name);
        stopMirroringPassword(cluster);
        ResolvedSpec spec = ResolvedSpec.resolve(namespace, name, cluster.getSpec());
        if (!retainVolumes) {
            cleanup.deleteVolumes(namespace, name,
                    spec.storageClassToCreate().map(storageClass -> storageClass.getName()));
        }
        if (spec.tls()) {
            tlsSecrets.forget(namespace, spec.tlsSecretName());
        }
        store.removeFinalizer(cluster);
        metrics.forget(ClusterKey.of(namespace, name));
        LOG.infof("Deleted ValkeyCluster %s/%s (volumes %s)", namespace, name, retainVolumes ? "kept" : "deleted");
        return Result.SUCCESS;
    }

    /** Best effort: a secrets-sync outage must not hold a deletion; its SecretSync then outlives the cluster. */
    private void stopMirroringPassword(ValkeyCluster cluster) {
        String namespace = cluster.getMetadata().getNamespace();
        String name = cluster.getMetadata().getName();
        AuthSpec auth = cluster.getSpec() == null ? null : cluster.getSpec().getAuth();
        if (VaultPassword.resolve(namespace, name, auth, config.secretsSync().defaultVaultUrl()).isEmpty()) {
            return;
        }
        String secretName = ResolvedSpec.resolve(namespace, name, cluster.getSpec()).authSecretName();
        try {
            secretsSync.stopMirroring(namespace, secretName);
        } catch (RuntimeException e) {
            LOG.warnf("ValkeyCluster %s/%s deleted, but its SecretSync %s could not be deleted: %s", namespace, name,
                    secretName, e.getMessage());
        }
    }

    private ValkeyClusterStatus deletingStatus(ValkeyClusterStatus previous, long generation, boolean retainVolumes) {
        ValkeyClusterStatus status = Objects.requireNonNullElseGet(previous, ValkeyClusterStatus::new);
        Conditions conditions = new Conditions(status.getConditions(), generation, clock.instant());
        status.getConditions().forEach(c -> conditions.keep(c.getType()));
        conditions.set(READY, false, "Deleting", retainVolumes
                ? "deleting the workload; volumes are kept" : "deleting the workload and its volumes");
        status.setConditions(conditions.list());
        status.setPhase(ClusterPhase.Deleting);
        return status;
    }

    /** An API-server failure that outlived the retries: said in status (if the status write gets through). */
    private void reportApiFailure(String key, KubernetesClientException e) {
        LOG.warnf("Reconcile of %s failed: Kubernetes API answered %d: %s", key, e.getCode(), e.getMessage());
        try {
            store.writeStatus(ClusterKey.namespace(key), ClusterKey.name(key), previous -> {
                ValkeyClusterStatus status = previous == null ? new ValkeyClusterStatus() : previous;
                Conditions conditions = new Conditions(status.getConditions(),
                        Objects.requireNonNullElse(status.getObservedGeneration(), 0L), clock.instant());
                status.getConditions().forEach(c -> conditions.keep(c.getType()));
                conditions.set(RECONCILED, false, "KubernetesApiError", "Kubernetes API answered "
                        + (e.getCode() == 0 ? "nothing" : "HTTP " + e.getCode()) + "; retrying with backoff");
                status.setConditions(conditions.list());
                if (status.getPhase() == null) {
                    status.setPhase(ClusterPhase.Pending);
                }
                return status;
            });
        } catch (KubernetesClientException statusFailure) {
            LOG.debugf("Could not report the failure of %s in status either: %s", key, statusFailure.getMessage());
        }
    }

    /** Whether the last status said the Valkey cluster was formed (slots assigned, replicas attached). */
    public static boolean isFormed(ValkeyCluster cluster) {
        ValkeyClusterStatus status = cluster.getStatus();
        return status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> FORMED.equals(c.getType()) && Conditions.TRUE.equals(c.getStatus()));
    }

    private static long generationOf(ValkeyCluster cluster) {
        return Objects.requireNonNullElse(cluster.getMetadata().getGeneration(), 0L);
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
    }

    /** The status being built in one pass, from the cluster as read at its start. */
    private final class Pass {
        private final ValkeyCluster cluster;
        private final long generation;
        private final Conditions conditions;
        private HealthSummary health;
        private RolloutProgress rollout;

        Pass(ValkeyCluster cluster) {
            this.cluster = cluster;
            this.generation = generationOf(cluster);
            ValkeyClusterStatus previous = cluster.getStatus();
            this.health = previous == null ? null : previous.getHealth();
            this.conditions = new Conditions(previous == null ? null : previous.getConditions(), generation,
                    clock.instant());
        }

        String namespace() {
            return cluster.getMetadata().getNamespace();
        }

        String name() {
            return cluster.getMetadata().getName();
        }

        boolean previouslyFormed() {
            return isFormed(cluster);
        }

        /** A Ready pass is done unless a rolling update still has pods to replace. */
        Result readyResult() {
            return rollout != null && rollout.inProgress() ? Result.PENDING : Result.SUCCESS;
        }

        boolean previouslyReady() {
            return cluster.getStatus() != null && cluster.getStatus().getPhase() == ClusterPhase.Ready;
        }

        Result finish(ClusterPhase phase, Result result, Observation observed) {
            if (rollout != null) { // rolling update: its condition (status.rollout is set below)
                conditions.set(RolloutRunner.ROLLING_UPDATE, rollout.inProgress(),
                        rollout.inProgress() ? "InProgress" : "UpToDate", rollout.message());
            }
            if (phase == ClusterPhase.Ready) {
                conditions.set(READY, true, "Ready", "all shards formed and all pods ready");
            } else if (!conditions.has(READY)) {
                conditions.set(READY, false, phase.name(), "phase " + phase);
            }
            conditions.set(RECONCILED, true, "Reconciled", "the last pass completed");
            ValkeyClusterStatus status = new ValkeyClusterStatus();
            status.setPhase(phase);
            status.setObservedGeneration(generation);
            status.setConditions(conditions.list());
            status.setHealth(health);
            if (observed != null) {
                status.setPods(observed.podStatuses());
                status.setVolumes(observed.volumeStatuses());
            }
            if (rollout != null) {
                status.setRollout(RolloutRunner.toStatus(rollout));
            }
            store.writeStatus(namespace(), name(), previous -> status);
            metrics.phase(ClusterKey.of(namespace(), name()), phase);
            return result;
        }
    }
}

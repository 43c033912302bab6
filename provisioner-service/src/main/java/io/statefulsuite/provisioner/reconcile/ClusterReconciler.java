package io.statefulsuite.provisioner.reconcile;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.core.instrument.Timer;
import io.statefulsuite.provisioner.crd.ClusterPhase;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.crd.ValkeyClusterStatus;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import io.statefulsuite.provisioner.domain.SpecValidator;
import io.statefulsuite.provisioner.domain.Violation;
import io.statefulsuite.provisioner.domain.formation.FormationReport;
import io.statefulsuite.provisioner.domain.render.RenderOptions;
import io.statefulsuite.provisioner.domain.render.ValkeyClusterManifests;
import io.statefulsuite.provisioner.domain.rollout.RolloutProgress;
import io.statefulsuite.provisioner.k8s.ClusterCleanup;
import io.statefulsuite.provisioner.k8s.ClusterObserver;
import io.statefulsuite.provisioner.k8s.ClusterObserver.Observation;
import io.statefulsuite.provisioner.k8s.ManifestApplier;
import io.statefulsuite.provisioner.k8s.ValkeyClusterStore;
import io.statefulsuite.provisioner.reconcile.FormationRunner.FormationFailure;
import io.statefulsuite.provisioner.reconcile.ReconcileMetrics.Result;
import jakarta.enterprise.context.ApplicationScoped;
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
    static final String VOLUME_EXPANSION = "VolumeExpansion";

    private static final Logger LOG = Logger.getLogger(ClusterReconciler.class);

    private final ValkeyClusterStore store;
    private final ManifestApplier applier;
    private final ClusterObserver observer;
    private final ClusterCleanup cleanup;
    private final FormationRunner formation;
    private final ReconcileMetrics metrics;
    private final RolloutRunner rollout;
    private final Clock clock = Clock.systemUTC();

    public ClusterReconciler(ValkeyClusterStore store, ManifestApplier applier, ClusterObserver observer,
                             ClusterCleanup cleanup, FormationRunner formation, ReconcileMetrics metrics,
                             RolloutRunner rollout) {
        this.store = store;
        this.applier = applier;
        this.observer = observer;
        this.cleanup = cleanup;
        this.formation = formation;
        this.metrics = metrics;
        this.rollout = rollout;
    }

    /** Reconciles the cluster with key {@code namespace/name}; false when it should be looked at again soon. */
    public boolean reconcile(String key) {
        Timer.Sample sample = metrics.start();
        Result result = Result.ERROR;
        try {
            result = reconcile(ClusterKey.namespace(key), ClusterKey.name(key));
            return result == Result.SUCCESS;
        } catch (KubernetesClientException e) {
            reportApiFailure(key, e);
            return false;
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
        if (password.isEmpty()) {
            pass.conditions.set(PROVISIONED, false, "AuthSecretMissing", "waiting for Secret " + namespace + "/"
                    + spec.authSecretName() + " with key '" + spec.passwordKey() + "'; nothing is created before it exists");
            return pass.finish(ClusterPhase.Pending, Result.PENDING, null);
        }
        applier.apply(cluster, ValkeyClusterManifests.render(namespace, name, spec, RenderOptions.DEFAULTS))
                .ifPresent(refused -> pass.conditions.set(VOLUME_EXPANSION, false, "ExpansionNotAllowed", refused));
        pass.conditions.set(PROVISIONED, true, "Applied", "all objects applied");
        Observation observed = observer.observe(namespace, ClusterLabels.allPodsSelector(name));
        pass.rollout = rollout.progress(cluster, spec, observed); // rolling update: where it stands
        return converge(pass, spec, observed, password.get());
    }

    private Result converge(Pass pass, ResolvedSpec spec, Observation observed, String password) {
        int expected = spec.shards() + spec.replicaCount();
        long running = observed.pods().stream().filter(Observation::isRunningWithIp).count();
        boolean wasFormed = pass.previouslyFormed();
        if (running < expected) {
            pass.conditions.set(PODS_RUNNING, false, "PodsStarting", running + " of " + expected
                    + " pods running with an IP").keep(FORMED);
            return pass.finish(wasFormed ? ClusterPhase.Degraded : ClusterPhase.Provisioning, Result.PENDING, observed);
        }
        pass.conditions.set(PODS_RUNNING, true, "AllRunning", "all " + expected + " pods running");
        FormationReport report;
        try {
            report = formation.converge(pass.namespace(), pass.name(), spec, observed, password);
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
        pass.rollout = rollout.step(pass.cluster, spec, observed, password);
        return pass.finish(ClusterPhase.Ready, pass.rollout.inProgress() ? Result.PENDING : Result.SUCCESS, observed);
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
        if (!retainVolumes) {
            ResolvedSpec spec = ResolvedSpec.resolve(namespace, name, cluster.getSpec());
            cleanup.deleteVolumes(namespace, name,
                    spec.storageClassToCreate().map(storageClass -> storageClass.getName()));
        }
        store.removeFinalizer(cluster);
        metrics.forget(ClusterKey.of(namespace, name));
        LOG.infof("Deleted ValkeyCluster %s/%s (volumes %s)", namespace, name, retainVolumes ? "kept" : "deleted");
        return Result.SUCCESS;
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
        private RolloutProgress rollout;

        Pass(ValkeyCluster cluster) {
            this.cluster = cluster;
            this.generation = generationOf(cluster);
            ValkeyClusterStatus previous = cluster.getStatus();
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

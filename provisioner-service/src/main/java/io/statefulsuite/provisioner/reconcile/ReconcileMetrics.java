package io.statefulsuite.provisioner.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.statefulsuite.provisioner.crd.ClusterPhase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code valkey_provisioner_reconcile_total{result}}, {@code valkey_provisioner_reconcile_seconds{result}} and
 * {@code valkey_provisioner_clusters{phase}} (clusters by the phase this replica last wrote; only the leader
 * reconciles, so only its figures are meaningful).
 */
@ApplicationScoped
public class ReconcileMetrics {

    /** How a reconcile ended: converged; not there yet (pods starting, secret missing...); an error was raised. */
    public enum Result { SUCCESS, PENDING, ERROR }

    private final MeterRegistry registry;
    private final Map<String, ClusterPhase> phases = new ConcurrentHashMap<>();

    public ReconcileMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (ClusterPhase phase : ClusterPhase.values()) {
            Gauge.builder("valkey.provisioner.clusters", phases, p -> count(p, phase))
                    .description("ValkeyClusters by phase, as last reconciled")
                    .tag("phase", phase.name())
                    .register(registry);
        }
    }

    public Timer.Sample start() {
        return Timer.start(registry);
    }

    public void record(Timer.Sample sample, Result result) {
        String tag = result.name().toLowerCase();
        sample.stop(Timer.builder("valkey.provisioner.reconcile")
                .description("Time one reconcile of one ValkeyCluster took")
                .tag("result", tag)
                .register(registry));
        Counter.builder("valkey.provisioner.reconcile.total")
                .description("Reconciles of ValkeyClusters by result")
                .tag("result", tag)
                .register(registry)
                .increment();
    }

    public void phase(String clusterKey, ClusterPhase phase) {
        phases.put(clusterKey, phase);
    }

    public void forget(String clusterKey) {
        phases.remove(clusterKey);
    }

    private static double count(Map<String, ClusterPhase> phases, ClusterPhase phase) {
        return phases.values().stream().filter(phase::equals).count();
    }
}

package io.statefulsuite.health.valkey;

import io.smallrye.mutiny.Uni;
import io.statefulsuite.health.domain.CheckPlan;
import io.statefulsuite.health.domain.HealthEvaluator;
import io.statefulsuite.health.domain.HealthEvaluator.Evaluation;
import io.statefulsuite.health.domain.HealthReport;
import io.statefulsuite.health.domain.NodeObservation;
import io.statefulsuite.health.domain.ProbeResult;
import io.statefulsuite.health.domain.Thresholds;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One full check of one cluster: (optional persistence probe) → read every node at once → evaluate → (probe). */
public class ClusterChecker {

    private final NodeInspector inspector;
    private final ActiveProbe probe;
    private final Thresholds thresholds;
    private final Duration persistenceProbeTimeout;

    public ClusterChecker(ValkeyConnections connections, Thresholds thresholds, Duration persistenceProbeTimeout) {
        this.inspector = new NodeInspector(connections);
        this.probe = new ActiveProbe(connections);
        this.thresholds = thresholds;
        this.persistenceProbeTimeout = persistenceProbeTimeout;
    }

    public Uni<HealthReport> check(CheckPlan plan, String password) {
        Instant checkedAt = Instant.now();
        long started = System.nanoTime();
        Uni<Void> persistence = plan.persistenceProbe()
                ? probe.persistence(plan.targets(), password, persistenceProbeTimeout)
                : Uni.createFrom().voidItem();
        return persistence.chain(() -> observeAll(plan, password))
                .chain(observations -> evaluateWithProbe(plan, password, observations))
                .map(evaluation -> HealthReport.of(evaluation, checkedAt, (System.nanoTime() - started) / 1_000_000));
    }

    private Uni<List<NodeObservation>> observeAll(CheckPlan plan, String password) {
        if (plan.targets().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<NodeObservation>> reads = plan.targets().stream()
                .map(target -> inspector.observe(target, password, plan.timeout())).toList();
        return Uni.join().all(reads).andFailFast();
    }

    private Uni<Evaluation> evaluateWithProbe(CheckPlan plan, String password, List<NodeObservation> observations) {
        Evaluation evaluation = evaluate(plan, observations, List.of());
        if (!plan.replicationProbe()) {
            return Uni.createFrom().item(evaluation);
        }
        return probe.replication(evaluation.topology(), password, plan.timeout())
                .map(results -> evaluate(plan, observations, results));
    }

    private Evaluation evaluate(CheckPlan plan, List<NodeObservation> observations, List<ProbeResult> probes) {
        return HealthEvaluator.evaluate(observations, plan.expected(), thresholds, probes, plan.discoveryFindings());
    }
}

package io.statefulsuite.health.valkey;

import io.smallrye.mutiny.Uni;
import io.statefulsuite.health.domain.CheckPlan;
import io.statefulsuite.health.domain.HealthEvaluator;
import io.statefulsuite.health.domain.HealthEvaluator.Evaluation;
import io.statefulsuite.health.domain.HealthReport;
import io.statefulsuite.health.domain.NodeAccess;
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

    public Uni<HealthReport> check(CheckPlan plan, NodeAccess access) {
        Instant checkedAt = Instant.now();
        long started = System.nanoTime();
        Uni<Void> persistence = plan.persistenceProbe()
                ? probe.persistence(plan.targets(), access, persistenceProbeTimeout)
                : Uni.createFrom().voidItem();
        return persistence.chain(() -> observeAll(plan, access))
                .chain(observations -> evaluateWithProbe(plan, access, observations))
                .map(evaluation -> HealthReport.of(evaluation, checkedAt, (System.nanoTime() - started) / 1_000_000));
    }

    private Uni<List<NodeObservation>> observeAll(CheckPlan plan, NodeAccess access) {
        if (plan.targets().isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<NodeObservation>> reads = plan.targets().stream()
                .map(target -> inspector.observe(target, access, plan.timeout())).toList();
        return Uni.join().all(reads).andFailFast();
    }

    private Uni<Evaluation> evaluateWithProbe(CheckPlan plan, NodeAccess access, List<NodeObservation> observations) {
        Evaluation evaluation = evaluate(plan, observations, List.of());
        if (!plan.replicationProbe()) {
            return Uni.createFrom().item(evaluation);
        }
        return probe.replication(evaluation.topology(), access, plan.timeout())
                .map(results -> evaluate(plan, observations, results));
    }

    private Evaluation evaluate(CheckPlan plan, List<NodeObservation> observations, List<ProbeResult> probes) {
        return HealthEvaluator.evaluate(observations, plan.expected(), thresholds, probes, plan.discoveryFindings());
    }
}

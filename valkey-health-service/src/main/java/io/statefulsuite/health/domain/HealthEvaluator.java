package io.statefulsuite.health.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns one round of observations into findings and a verdict. Pure: same input, same answer. */
public final class HealthEvaluator {

    static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator
            .comparing(Finding::severity, Comparator.reverseOrder())
            .thenComparing(Finding::check)
            .thenComparing(f -> f.node() == null ? "" : f.node());

    private HealthEvaluator() {
    }

    public static Evaluation evaluate(List<NodeObservation> observations, ExpectedTopology expected,
                                      Thresholds thresholds, List<ProbeResult> probes, List<Finding> discovered) {
        Topology topology = TopologyBuilder.build(observations);
        CheckContext context = new CheckContext(observations, topology, expected, thresholds, probes);
        List<Finding> findings = new ArrayList<>(discovered);
        if (expected.source() == ExpectedTopology.Source.NONE) {
            findings.add(Finding.of(Check.DISCOVERY_NO_SPEC).observed("no ValkeyCluster resource")
                    .message("No expected topology is known, so only what the nodes report was checked "
                                    + "(replica counts, shard count, AOF and zones are not compared to a spec)",
                            "Create the ValkeyCluster resource, or pass 'expected' with an explicit check"));
        }
        findings.addAll(ReachabilityRules.evaluate(context));
        findings.addAll(ReplicationRules.evaluate(context));
        findings.addAll(PersistenceRules.evaluate(context));
        findings.addAll(ClusterRules.evaluate(context));
        findings.addAll(ZoneRules.evaluate(context));
        findings.addAll(ProbeRules.evaluate(context));
        findings.sort(MOST_SEVERE_FIRST);
        boolean anyObserved = !context.answered().isEmpty();
        return new Evaluation(HealthStatus.of(findings, anyObserved), List.copyOf(findings), topology,
                List.copyOf(probes));
    }

    /** The verdict, the findings (most severe first) and the topology they were derived from. */
    public record Evaluation(HealthStatus status, List<Finding> findings, Topology topology, List<ProbeResult> probes) {
    }
}

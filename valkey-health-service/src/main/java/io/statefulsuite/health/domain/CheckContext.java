package io.statefulsuite.health.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What every rule sees: the observations, the assembled topology and what was expected. */
public final class CheckContext {

    private final List<NodeObservation> observations;
    private final Topology topology;
    private final ExpectedTopology expected;
    private final Thresholds thresholds;
    private final List<ProbeResult> probes;
    private final Map<String, NodeObservation> byAddress;

    public CheckContext(List<NodeObservation> observations, Topology topology, ExpectedTopology expected,
                        Thresholds thresholds, List<ProbeResult> probes) {
        this.observations = observations;
        this.topology = topology;
        this.expected = expected;
        this.thresholds = thresholds;
        this.probes = probes;
        this.byAddress = observations.stream()
                .collect(Collectors.toMap(o -> o.target().address(), Function.identity(), (a, b) -> a));
    }

    public List<NodeObservation> observations() {
        return observations;
    }

    public Topology topology() {
        return topology;
    }

    public ExpectedTopology expected() {
        return expected;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    public List<ProbeResult> probes() {
        return probes;
    }

    public List<NodeObservation> answered() {
        return observations.stream().filter(NodeObservation::observed).toList();
    }

    /** The node at host:port, if it answered. */
    public Optional<NodeObservation> at(String address) {
        return Optional.ofNullable(byAddress.get(address)).filter(NodeObservation::observed);
    }

    public Map<String, NodeObservation> byAddress() {
        return byAddress;
    }
}

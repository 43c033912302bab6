package io.statefulsuite.health.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What every rule sees: the observations, the assembled topology and what was expected. */
public record CheckContext(List<NodeObservation> observations, Topology topology, ExpectedTopology expected,
                           Thresholds thresholds, List<ProbeResult> probes) {

    public List<NodeObservation> answered() {
        return observations.stream().filter(NodeObservation::observed).toList();
    }

    public Optional<NodeObservation> at(String address) {
        return Optional.ofNullable(byAddress().get(address)).filter(NodeObservation::observed);
    }

    public Map<String, NodeObservation> byAddress() {
        return observations.stream()
                .collect(Collectors.toMap(o -> o.target().address(), Function.identity(), (a, b) -> a));
    }

    public boolean clusterMode() {
        return observations.stream().anyMatch(o -> o.clusterInfo() != null);
    }
}

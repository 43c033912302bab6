package io.statefulsuite.provisioner.domain.formation;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** The request together with what every pod reported in this pass; the planners' common input. */
final class ObservedCluster {

    static final int CLIENT_PORT = 6379;
    private static final Comparator<NodeObservation> PRIMARIES_FIRST = Comparator
            .comparing((NodeObservation observation) -> observation.pod().role())
            .thenComparing(observation -> observation.pod().shard())
            .thenComparing(observation -> observation.pod().name().length())
            .thenComparing(observation -> observation.pod().name());

    private final FormationRequest request;
    private final List<NodeObservation> reachable;
    private final Map<String, NodeObservation> byNodeId = new HashMap<>();

    ObservedCluster(FormationRequest request, List<NodeObservation> observations) {
        this.request = request;
        this.reachable = observations.stream().filter(NodeObservation::reachable).sorted(PRIMARIES_FIRST).toList();
        reachable.forEach(observation -> byNodeId.put(observation.nodeId(), observation));
    }

    FormationRequest request() {
        return request;
    }

    /** Reachable pods, primaries first, by shard, then in ordinal order (replica-4 before replica-10). */
    List<NodeObservation> reachable() {
        return reachable;
    }

    List<NodeObservation> reachable(PodRole role) {
        return reachable.stream().filter(observation -> observation.pod().role() == role).toList();
    }

    /** The pod every other pod is met from: the first reachable one, a primary when possible. */
    Optional<NodeObservation> anchor() {
        return reachable.stream().findFirst();
    }

    Optional<NodeObservation> byNodeId(String nodeId) {
        return Optional.ofNullable(nodeId).map(byNodeId::get);
    }

    boolean isReachableNode(String nodeId) {
        return byNodeId.containsKey(nodeId);
    }

    Optional<NodeObservation> primaryOfShard(int shard) {
        return reachable(PodRole.PRIMARY).stream().filter(observation -> observation.pod().shard() == shard)
                .findFirst();
    }

    /**
     * Primary pods of shards added to a cluster that serves {@code servingShards}: empty primaries whose ordinal
     * is past the serving shards but within the requested ones. (An empty primary pod of a serving shard lost its
     * volume and rejoins its shard instead.)
     */
    List<NodeObservation> newShardPrimaries(int servingShards) {
        return reachable(PodRole.PRIMARY).stream()
                .filter(pod -> pod.self().isMaster() && !pod.self().hasSlots())
                .filter(pod -> pod.pod().shard() >= servingShards && pod.pod().shard() < request.shards())
                .toList();
    }

    /** Pod names the spec calls for that are not reachable in this pass. */
    List<String> missingPods() {
        String cluster = request.cluster();
        Stream<String> primaries = IntStream.range(0, request.shards()).mapToObj(i -> cluster + "-primary-" + i);
        Stream<String> replicas = IntStream.range(0, request.shards() * request.replicasPerShard())
                .mapToObj(j -> cluster + "-replica-" + j);
        List<String> present = reachable.stream().map(observation -> observation.pod().name()).toList();
        return Stream.concat(primaries, replicas).filter(name -> !present.contains(name)).toList();
    }

    /** Every pod the spec calls for answered, so a node that is no pod is truly gone, not just down. */
    boolean complete() {
        return missingPods().isEmpty();
    }
}

package io.statefulsuite.health.domain;

import io.statefulsuite.health.domain.ClusterNode.SlotRange;
import io.statefulsuite.health.domain.Topology.Member;
import io.statefulsuite.health.domain.Topology.Shard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Assembles shards from what the nodes said. In cluster mode the reference is the CLUSTER NODES view of the node
 * with the newest epoch (the others are compared against it by the cluster rules); without cluster mode shards are
 * primaries plus the replicas that name them in INFO replication.
 */
public final class TopologyBuilder {

    private final Map<String, NodeObservation> byAddress;

    private TopologyBuilder(List<NodeObservation> observations) {
        this.byAddress = observations.stream()
                .collect(Collectors.toMap(o -> o.target().address(), Function.identity(), (a, b) -> a));
    }

    public static Topology build(List<NodeObservation> observations) {
        TopologyBuilder builder = new TopologyBuilder(observations);
        return referenceView(observations).map(builder::fromClusterView)
                .orElseGet(() -> builder.fromReplication(observations));
    }

    /** The observed node whose cluster view is newest: highest current epoch, then most known nodes. */
    public static Optional<NodeObservation> referenceView(List<NodeObservation> observations) {
        return observations.stream()
                .filter(o -> o.observed() && o.clusterInfo() != null && o.clusterNodes() != null)
                .max(Comparator.comparingLong((NodeObservation o) -> o.clusterInfo().currentEpoch())
                        .thenComparingInt(o -> o.clusterInfo().knownNodes()));
    }

    private Topology fromClusterView(NodeObservation reference) {
        List<ClusterNode> view = reference.clusterNodes();
        List<ClusterNode> primaries = view.stream()
                .filter(n -> n.isPrimary() && !(n.slots().isEmpty() && n.isFailing()))
                .sorted(Comparator.comparingInt(TopologyBuilder::firstSlot))
                .toList();
        List<Shard> shards = new ArrayList<>();
        for (ClusterNode primary : primaries) {
            List<Member> replicas = view.stream()
                    .filter(n -> primary.id().equals(n.primaryId()))
                    .sorted(Comparator.comparing(ClusterNode::address))
                    .map(this::member).toList();
            shards.add(new Shard(shards.size(), slotText(primary.slots()), member(primary), replicas));
        }
        return new Topology(List.copyOf(shards));
    }

    private Topology fromReplication(List<NodeObservation> observations) {
        List<NodeObservation> primaries = observations.stream()
                .filter(o -> o.observed() && o.isPrimary())
                .sorted(Comparator.comparing(NodeObservation::name)).toList();
        List<Shard> shards = new ArrayList<>();
        for (NodeObservation primary : primaries) {
            List<Member> replicas = observations.stream()
                    .filter(o -> o.observed() && !o.isPrimary() && primary.target().address().equals(primaryAddress(o)))
                    .sorted(Comparator.comparing(NodeObservation::name))
                    .map(o -> member(o, null, false)).toList();
            shards.add(new Shard(shards.size(), "", member(primary, null, false), replicas));
        }
        return new Topology(List.copyOf(shards));
    }

    private static String primaryAddress(NodeObservation replica) {
        return replica.info().text("master_host").orElse("") + ":" + replica.info().text("master_port").orElse("");
    }

    private Member member(ClusterNode node) {
        NodeObservation observation = byAddress.get(node.address());
        if (observation == null) {
            return new Member(node.address(), node.host(), node.port(), null, null, node.id(), false, node.isFailing(),
                    IntendedRole.UNKNOWN);
        }
        return member(observation, node.id(), node.isFailing());
    }

    private static Member member(NodeObservation observation, String nodeId, boolean failing) {
        NodeTarget target = observation.target();
        Long offset = observation.observed() ? observation.offset() : null;
        return new Member(target.name(), target.host(), target.port(), target.zone(), offset, nodeId,
                observation.observed(), failing, target.intendedRole());
    }

    private static int firstSlot(ClusterNode node) {
        return node.slots().stream().mapToInt(SlotRange::first).min().orElse(Integer.MAX_VALUE);
    }

    static String slotText(List<SlotRange> slots) {
        return slots.stream().sorted().map(SlotRange::toString).collect(Collectors.joining(","));
    }
}

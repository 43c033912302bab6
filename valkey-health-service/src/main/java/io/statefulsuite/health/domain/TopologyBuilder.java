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
        List<Shard> shards = referenceView(observations).map(builder::fromClusterView)
                .orElseGet(() -> builder.fromReplication(observations));
        ClusterInfo cluster = worstSlots(observations).map(NodeObservation::clusterInfo).orElse(null);
        return new Topology(shards.stream().map(builder::withStates).toList(), cluster);
    }

    /** The node that sees the fewest slots ok: a node that lost slots is the first to know. */
    public static Optional<NodeObservation> worstSlots(List<NodeObservation> observations) {
        return observations.stream().filter(o -> o.observed() && o.clusterInfo() != null)
                .min(Comparator.comparingInt((NodeObservation o) -> o.clusterInfo().slotsOk())
                        .thenComparingInt(o -> o.clusterInfo().slotsAssigned()));
    }

    private Shard withStates(Shard shard) {
        NodeObservation primary = observed(shard.primary());
        List<Member> replicas = shard.replicas().stream()
                .map(r -> withState(r, replicaState(primary, observed(r)))).toList();
        return new Shard(shard.index(), shard.slots(), withState(shard.primary(), primaryState(primary)), replicas);
    }

    private NodeObservation observed(Member member) {
        NodeObservation observation = byAddress.get(member.address());
        return observation != null && observation.observed() ? observation : null;
    }

    private static Member withState(Member m, Topology.NodeState state) {
        return new Member(m.pod(), m.ip(), m.port(), m.zone(), m.offset(), m.nodeId(), m.reachable(), m.failing(),
                m.intendedRole(), state);
    }

    private static Topology.NodeState primaryState(NodeObservation primary) {
        if (primary == null) {
            return Topology.NodeState.UNKNOWN;
        }
        int online = (int) primary.info().replicaLinks().stream().filter(l -> "online".equals(l.state())).count();
        return persistence(primary, null, null, null, online);
    }

    private static Topology.NodeState replicaState(NodeObservation primary, NodeObservation replica) {
        if (replica == null) {
            return Topology.NodeState.UNKNOWN;
        }
        boolean linkUp = "up".equals(replica.info().text("master_link_status").orElse(""));
        Long lagBytes = primary != null && primary.offset() >= 0 && replica.offset() >= 0
                ? Math.max(0, primary.offset() - replica.offset()) : null;
        Long lagSeconds = primary == null ? null : primary.info().replicaLinks().stream()
                .filter(l -> replica.target().host().equals(l.ip()) && replica.target().port() == l.port())
                .map(InfoReport.ReplicaLink::lagSeconds).findFirst().orElse(null);
        return persistence(replica, lagBytes, lagSeconds, linkUp, null);
    }

    private static Topology.NodeState persistence(NodeObservation node, Long lagBytes, Long lagSeconds, Boolean linkUp,
                                                  Integer connectedReplicas) {
        InfoReport info = node.info();
        boolean aofEnabled = info.flag("aof_enabled");
        boolean aofOk = "ok".equals(info.text("aof_last_write_status").orElse("ok"))
                && "ok".equals(info.text("aof_last_bgrewrite_status").orElse("ok"));
        return new Topology.NodeState(lagBytes, lagSeconds, linkUp, connectedReplicas, aofEnabled, aofOk,
                "ok".equals(info.text("rdb_last_bgsave_status").orElse("ok")));
    }

    /** The observed node whose cluster view is newest: highest current epoch, then most known nodes. */
    public static Optional<NodeObservation> referenceView(List<NodeObservation> observations) {
        return observations.stream()
                .filter(o -> o.observed() && o.clusterInfo() != null && o.clusterNodes() != null)
                .max(Comparator.comparingLong((NodeObservation o) -> o.clusterInfo().currentEpoch())
                        .thenComparingInt(o -> o.clusterInfo().knownNodes()));
    }

    private List<Shard> fromClusterView(NodeObservation reference) {
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
        return List.copyOf(shards);
    }

    private List<Shard> fromReplication(List<NodeObservation> observations) {
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
        return List.copyOf(shards);
    }

    private static String primaryAddress(NodeObservation replica) {
        return replica.info().text("master_host").orElse("") + ":" + replica.info().text("master_port").orElse("");
    }

    private Member member(ClusterNode node) {
        NodeObservation observation = byAddress.get(node.address());
        if (observation == null) {
            return new Member(node.address(), node.host(), node.port(), null, null, node.id(), false, node.isFailing(),
                    IntendedRole.UNKNOWN, Topology.NodeState.UNKNOWN);
        }
        return member(observation, node.id(), node.isFailing());
    }

    private static Member member(NodeObservation observation, String nodeId, boolean failing) {
        NodeTarget target = observation.target();
        Long offset = observation.observed() ? observation.offset() : null;
        return new Member(target.name(), target.host(), target.port(), target.zone(), offset, nodeId,
                observation.observed(), failing, target.intendedRole(), Topology.NodeState.UNKNOWN);
    }

    private static int firstSlot(ClusterNode node) {
        return node.slots().stream().mapToInt(SlotRange::first).min().orElse(Integer.MAX_VALUE);
    }

    static String slotText(List<SlotRange> slots) {
        return slots.stream().sorted().map(SlotRange::toString).collect(Collectors.joining(","));
    }
}

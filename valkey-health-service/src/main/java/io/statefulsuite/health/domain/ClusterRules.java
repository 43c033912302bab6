package io.statefulsuite.health.domain;

import io.statefulsuite.health.domain.ClusterNode.SlotRange;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Cluster bus health: state, slot coverage, membership, agreement between nodes, stale addresses. */
final class ClusterRules {

    private ClusterRules() {
    }

    static List<Finding> evaluate(CheckContext context) {
        List<NodeObservation> clustered = context.answered().stream()
                .filter(o -> o.clusterInfo() != null && o.clusterNodes() != null).toList();
        if (clustered.isEmpty()) {
            return List.of();
        }
        NodeObservation reference = TopologyBuilder.referenceView(clustered).orElseThrow();
        List<Finding> findings = new ArrayList<>();
        stateFinding(clustered).ifPresent(findings::add);
        findings.addAll(slotFindings(TopologyBuilder.worstSlots(clustered).orElseThrow()));
        findings.addAll(membershipFindings(context, reference));
        findings.addAll(multiplePrimaries(clustered));
        disagreement(clustered).ifPresent(findings::add);
        findings.addAll(staleAddresses(context, clustered));
        findings.addAll(failedNodes(context, reference));
        return findings;
    }

    private static java.util.Optional<Finding> stateFinding(List<NodeObservation> clustered) {
        List<String> failing = clustered.stream().filter(o -> !o.clusterInfo().ok())
                .map(o -> o.name() + "=" + o.clusterInfo().state()).toList();
        if (failing.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Finding.of(Check.CLUSTER_STATE)
                .node(failing.size() == 1 ? failing.get(0).split("=")[0] : null)
                .observed(failing.size() + "/" + clustered.size() + " nodes not ok: " + String.join(", ", failing))
                .expected("cluster_state:ok on every node")
                .message("cluster_state is not ok on " + failing.size() + " of " + clustered.size()
                                + " nodes; clients get CLUSTERDOWN for affected slots",
                        "Look at the slot and failed-node findings: every slot must be served by a reachable primary"));
    }

    private static List<Finding> slotFindings(NodeObservation reference) {
        ClusterInfo info = reference.clusterInfo();
        List<Finding> findings = new ArrayList<>();
        if (info.slotsAssigned() < ClusterInfo.SLOTS) {
            String missing = unassigned(reference.clusterNodes());
            findings.add(Finding.of(Check.CLUSTER_SLOTS_UNASSIGNED).node(reference.name())
                    .observed(info.slotsAssigned() + " assigned; unassigned: " + missing).expected(ClusterInfo.SLOTS)
                    .message((ClusterInfo.SLOTS - info.slotsAssigned()) + " hash slots are not assigned to any primary ("
                                    + missing + ")",
                            "Assign them: CLUSTER ADDSLOTSRANGE on the primary that should own them (or "
                                    + "valkey-cli --cluster fix); keys in these slots cannot be read or written"));
        }
        if (info.slotsFail() > 0) {
            findings.add(Finding.of(Check.CLUSTER_SLOTS_FAIL).node(reference.name())
                    .observed(info.slotsFail() + " slots fail").expected("0")
                    .message(info.slotsFail() + " slots are served by primaries the cluster marks failed",
                            "Bring the failed primary back or promote one of its replicas (CLUSTER FAILOVER FORCE)"));
        }
        if (info.slotsPfail() > 0) {
            findings.add(Finding.of(Check.CLUSTER_SLOTS_PFAIL).node(reference.name())
                    .observed(info.slotsPfail() + " slots pfail").expected("0")
                    .message(info.slotsPfail() + " slots are served by primaries " + reference.name()
                                    + " cannot reach (pfail)",
                            "Check the cluster bus (port 16379) between the nodes; a failover follows if it persists"));
        }
        return findings;
    }

    private static String unassigned(List<ClusterNode> view) {
        BitSet assigned = new BitSet(ClusterInfo.SLOTS);
        view.forEach(n -> n.slots().forEach(r -> assigned.set(r.first(), r.last() + 1)));
        List<SlotRange> gaps = new ArrayList<>();
        for (int start = assigned.nextClearBit(0); start < ClusterInfo.SLOTS; ) {
            int end = Math.min(assigned.nextSetBit(start) < 0 ? ClusterInfo.SLOTS : assigned.nextSetBit(start),
                    ClusterInfo.SLOTS);
            gaps.add(new SlotRange(start, end - 1));
            start = assigned.nextClearBit(end);
        }
        return TopologyBuilder.slotText(gaps);
    }

    private static List<Finding> membershipFindings(CheckContext context, NodeObservation reference) {
        List<Finding> findings = new ArrayList<>();
        Integer expectedNodes = context.expected().expectedNodes();
        int known = reference.clusterInfo().knownNodes();
        if (expectedNodes != null && known != expectedNodes) {
            findings.add(Finding.of(Check.CLUSTER_KNOWN_NODES).node(reference.name())
                    .observed(known + " known nodes").expected(expectedNodes)
                    .message(reference.name() + " knows " + known + " cluster nodes, " + expectedNodes + " expected",
                            known > expectedNodes
                                    ? "CLUSTER FORGET the node ids of pods that no longer exist, on every node"
                                    : "CLUSTER MEET the missing pods (the provisioner re-joins pods it manages)"));
        }
        Integer shards = context.expected().shards();
        long serving = context.topology().shards().stream().filter(Topology.Shard::servesSlots).count();
        if (shards != null && serving != shards) {
            findings.add(Finding.of(Check.CLUSTER_SHARD_COUNT)
                    .observed(serving + " primaries with slots").expected(shards)
                    .message("The cluster has " + serving + " shards serving slots, the spec says " + shards,
                            "Rebalance slots over the intended primaries (valkey-cli --cluster rebalance)"));
        }
        return findings;
    }

    /** Two nodes that each say "I am the primary of these slots" for overlapping slots: split brain. */
    private static List<Finding> multiplePrimaries(List<NodeObservation> clustered) {
        Map<String, BitSet> claims = new LinkedHashMap<>();
        for (NodeObservation node : clustered) {
            node.myself().filter(ClusterNode::isPrimary).ifPresent(me -> {
                BitSet slots = new BitSet(ClusterInfo.SLOTS);
                me.slots().forEach(r -> slots.set(r.first(), r.last() + 1));
                claims.put(node.name(), slots);
            });
        }
        List<Finding> findings = new ArrayList<>();
        List<String> names = new ArrayList<>(claims.keySet());
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                if (claims.get(names.get(i)).intersects(claims.get(names.get(j)))) {
                    findings.add(Finding.of(Check.REPLICATION_MULTIPLE_PRIMARIES).node(names.get(j))
                            .observed(names.get(i) + " and " + names.get(j) + " both claim the same slots")
                            .expected("one primary per slot")
                            .message("Two primaries serve overlapping slots: " + names.get(i) + " and " + names.get(j),
                                    "Split brain: writes to one side will be lost. Check the cluster bus between "
                                            + "them; CLUSTER REPLICATE the stale one to the primary with the newer "
                                            + "config epoch"));
                }
            }
        }
        return findings;
    }

    /** Nodes whose slot → primary maps differ: they disagree about the topology. */
    private static java.util.Optional<Finding> disagreement(List<NodeObservation> clustered) {
        Map<String, List<String>> byView = new TreeMap<>();
        for (NodeObservation node : clustered) {
            byView.computeIfAbsent(slotOwners(node.clusterNodes()), k -> new ArrayList<>()).add(node.name());
        }
        if (byView.size() <= 1) {
            return java.util.Optional.empty();
        }
        String groups = byView.values().stream().map(names -> "[" + String.join(", ", names) + "]")
                .collect(Collectors.joining(" vs "));
        return java.util.Optional.of(Finding.of(Check.CLUSTER_DISAGREEMENT)
                .observed(byView.size() + " different views: " + groups).expected("one view")
                .message("Nodes disagree about which primary owns which slots: " + groups,
                        "Usually transient during a failover; if it persists, the cluster bus (16379) is partitioned: "
                                + "check NetworkPolicies and node connectivity"));
    }

    private static String slotOwners(List<ClusterNode> view) {
        return view.stream().filter(n -> n.isPrimary() && !n.slots().isEmpty())
                .map(n -> TopologyBuilder.slotText(n.slots()) + ">" + n.id())
                .sorted().collect(Collectors.joining(";"));
    }

    private static List<Finding> staleAddresses(CheckContext context, List<NodeObservation> clustered) {
        Set<String> current = context.observations().stream().map(o -> o.target().address())
                .collect(Collectors.toSet());
        Map<String, ClusterNode> stale = new LinkedHashMap<>();
        Set<String> seenBy = new LinkedHashSet<>();
        for (NodeObservation node : clustered) {
            for (ClusterNode entry : node.clusterNodes()) {
                if (entry.hasAddress() && !entry.flags().contains("handshake") && !current.contains(entry.address())) {
                    stale.putIfAbsent(entry.id(), entry);
                    seenBy.add(node.name());
                }
            }
        }
        return stale.values().stream().map(entry -> Finding.of(Check.CLUSTER_STALE_ADDRESS)
                .observed(entry.id() + " at " + entry.address() + " (" + String.join(",", entry.flags()) + ")")
                .expected("only current node addresses")
                .message("Nodes " + seenBy + " list node " + entry.id() + " at " + entry.address()
                                + ", which is not a current node address",
                        "If that node is gone for good, CLUSTER FORGET " + entry.id() + " on every node within 60 s; "
                                + "if its pod restarted with a new IP, check that it runs and reaches port 16379 of "
                                + "the others so it re-announces itself"))
                .toList();
    }

    private static List<Finding> failedNodes(CheckContext context, NodeObservation reference) {
        Map<String, NodeObservation> byAddress = context.byAddress();
        return reference.clusterNodes().stream().filter(n -> n.flags().contains("fail"))
                .map(n -> Finding.of(Check.CLUSTER_FAILED_NODE)
                        .node(byAddress.containsKey(n.address()) ? byAddress.get(n.address()).name() : n.address())
                        .observed(n.id() + " " + String.join(",", n.flags())).expected("no failed nodes")
                        .message("The cluster marks node " + n.id() + " (" + n.address() + ") as failed",
                                "Bring the node back (it rejoins as a replica) or CLUSTER FORGET it on every node"))
                .toList();
    }
}

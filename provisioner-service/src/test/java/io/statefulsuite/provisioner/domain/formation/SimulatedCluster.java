package io.statefulsuite.provisioner.domain.formation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pods and the CLUSTER NODES each of them would report, built by hand for planner tests. Everybody knows
 * everybody at their current address unless a test says otherwise.
 */
public final class SimulatedCluster {

    static final String CLUSTER = "cache";
    private static final List<String> ZONES = List.of("1", "2", "3");

    final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, Set<String>> unknownTo = new HashMap<>();
    private final Map<String, Map<String, String>> addressSeenBy = new HashMap<>();
    private final Map<String, List<String>> extraLines = new HashMap<>();
    private int shards;
    private int replicasPerShard;

    static final class Member {
        ValkeyPod pod;
        String id;
        String selfIp;
        String masterId;
        List<SlotRange> slots = List.of();
        long epoch;
        boolean linkUp = true;
        boolean stateOk = true;
        boolean reachable = true;
        long offset = 1000;

        boolean isMaster() {
            return masterId == null;
        }
    }

    /** A healthy cluster: primary i in zone i % 3 with the i-th slot share, replica j following shard j % shards. */
    public static SimulatedCluster formed(int shards, int replicasPerShard) {
        SimulatedCluster cluster = empty(shards, replicasPerShard);
        for (int i = 0; i < shards; i++) {
            Member primary = cluster.member(CLUSTER + "-primary-" + i);
            primary.slots = List.of(SlotRange.evenShare(i, shards));
            primary.epoch = i + 1;
        }
        cluster.members.values().stream().filter(member -> member.pod.role() == PodRole.REPLICA)
                .forEach(replica -> replica.masterId = cluster.member(CLUSTER + "-primary-" + replica.pod.shard()).id);
        return cluster;
    }

    /** Fresh pods: every node is an empty master that knows only itself and not even its own address. */
    static SimulatedCluster fresh(int shards, int replicasPerShard) {
        SimulatedCluster cluster = empty(shards, replicasPerShard);
        cluster.members.values().forEach(member -> {
            member.selfIp = "";
            member.stateOk = false;
            cluster.unknownTo.put(member.pod.name(), cluster.members.keySet().stream()
                    .filter(name -> !name.equals(member.pod.name())).collect(Collectors.toSet()));
        });
        return cluster;
    }

    private static SimulatedCluster empty(int shards, int replicasPerShard) {
        SimulatedCluster cluster = new SimulatedCluster();
        cluster.shards = shards;
        cluster.replicasPerShard = replicasPerShard;
        for (int i = 0; i < shards; i++) {
            cluster.addPod(PodRole.PRIMARY, i, ZONES.get(i % ZONES.size()));
        }
        for (int j = 0; j < shards * replicasPerShard; j++) {
            cluster.addPod(PodRole.REPLICA, j, ZONES.get((j + 1) % ZONES.size()));
        }
        return cluster;
    }

    Member addPod(PodRole role, int ordinal, String zone) {
        Member member = new Member();
        String name = CLUSTER + "-" + role.name().toLowerCase() + "-" + ordinal;
        int shard = role == PodRole.PRIMARY ? ordinal : ordinal % shards;
        String ip = "10.0." + (role == PodRole.PRIMARY ? 1 : 2) + "." + (ordinal + 10);
        member.pod = new ValkeyPod(name, ip, zone, role, shard);
        member.id = String.format("%040x", name.hashCode() & 0xffffffffL);
        member.selfIp = ip;
        members.put(name, member);
        return member;
    }

    Member member(String name) {
        return members.get(name);
    }

    SimulatedCluster withSpec(int newShards, int newReplicasPerShard) {
        shards = newShards;
        replicasPerShard = newReplicasPerShard;
        return this;
    }

    /** The pod was rescheduled: its new IP is what Kubernetes reports, while it and everybody else keep the old one. */
    void movedTo(String name, String newIp) {
        Member member = member(name);
        String oldIp = member.pod.ip();
        member.pod = new ValkeyPod(name, newIp, member.pod.zone(), member.pod.role(), member.pod.shard());
        members.keySet().forEach(viewer -> addressSeenBy.computeIfAbsent(viewer, v -> new HashMap<>()).put(name, oldIp));
    }

    void learnsAddress(String viewer, String name) {
        addressSeenBy.getOrDefault(viewer, new HashMap<>()).remove(name);
    }

    void doesNotKnow(String viewer, String name) {
        unknownTo.computeIfAbsent(viewer, v -> new HashSet<>()).add(name);
    }

    void seesAlso(String viewer, String line) {
        extraLines.computeIfAbsent(viewer, v -> new ArrayList<>()).add(line);
    }

    Member remove(String name) {
        return members.remove(name);
    }

    /** The pods as Kubernetes reports them. */
    public List<ValkeyPod> pods() {
        return members.values().stream().map(member -> member.pod).toList();
    }

    /** A planned failover happened: {@code replica} leads the shard of its primary, which now follows it. */
    public void failedOver(String replica) {
        Member promoted = member(replica);
        Member demoted = members.values().stream().filter(member -> member.id.equals(promoted.masterId))
                .findFirst().orElseThrow();
        promoted.slots = demoted.slots;
        demoted.slots = List.of();
        promoted.masterId = null;
        demoted.masterId = promoted.id;
        promoted.epoch = members.values().stream().mapToLong(member -> member.epoch).max().orElse(0) + 1;
    }

    /** The pod's replication offset trails the others' by {@code bytes}. */
    public void lags(String name, long bytes) {
        member(name).offset -= bytes;
    }

    public void replicationLinkDown(String name) {
        member(name).linkUp = false;
    }

    public void notAnswering(String name) {
        member(name).reachable = false;
    }

    public void clusterStateFail(String name) {
        member(name).stateOk = false;
    }

    FormationRequest request() {
        List<ValkeyPod> pods = members.values().stream().map(member -> member.pod).toList();
        return new FormationRequest("ns", CLUSTER, shards, replicasPerShard, ZONES, pods);
    }

    public List<NodeObservation> observations() {
        return members.values().stream().map(member -> member.reachable
                ? NodeObservation.of(member.pod, ClusterView.parse(nodesSeenBy(member.pod.name())), member.linkUp,
                member.stateOk, member.offset)
                : NodeObservation.unreachable(member.pod, "Connection refused")).toList();
    }

    FormationPlan plan() {
        return FormationPlanner.plan(request(), observations());
    }

    String nodesSeenBy(String viewer) {
        StringBuilder nodes = new StringBuilder();
        for (Member member : members.values()) {
            boolean myself = member.pod.name().equals(viewer);
            if (!myself && unknownTo.getOrDefault(viewer, Set.of()).contains(member.pod.name())) {
                continue;
            }
            String ip = myself ? member.selfIp
                    : addressSeenBy.getOrDefault(viewer, Map.of()).getOrDefault(member.pod.name(), member.pod.ip());
            String flags = (myself ? "myself," : "") + (member.isMaster() ? "master" : "slave");
            nodes.append(member.id).append(' ').append(ip).append(":6379@16379 ").append(flags).append(' ')
                    .append(member.masterId == null ? "-" : member.masterId).append(" 0 0 ").append(member.epoch)
                    .append(" connected");
            member.slots.forEach(range -> nodes.append(' ').append(range));
            nodes.append('\n');
        }
        extraLines.getOrDefault(viewer, List.of()).forEach(line -> nodes.append(line).append('\n'));
        return nodes.toString();
    }
}

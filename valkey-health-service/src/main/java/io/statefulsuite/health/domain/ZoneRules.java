package io.statefulsuite.health.domain;

import io.statefulsuite.health.domain.Topology.Member;
import io.statefulsuite.health.domain.Topology.Shard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** Zone redundancy: a zone outage must never take a shard's primary and all its copies. */
final class ZoneRules {

    private ZoneRules() {
    }

    static List<Finding> evaluate(CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        List<Shard> shards = context.topology().shards();
        for (Shard shard : shards) {
            findings.addAll(sharedZone(shard));
            drifted(shard).ifPresent(findings::add);
        }
        List<String> unknown = members(shards).filter(m -> m.zone() == null && m.reachable()).map(Member::pod).toList();
        if (!unknown.isEmpty()) {
            findings.add(Finding.of(Check.ZONE_UNKNOWN).observed(unknown).expected("a zone per node")
                    .message("The zone of " + unknown + " is unknown, so zone redundancy is not checked for them",
                            "Label the Kubernetes nodes with topology.kubernetes.io/zone (or give 'zone' per endpoint)"));
        }
        List<String> zones = context.expected().zones();
        if (zones != null) {
            findings.addAll(unexpectedZones(shards, zones));
            primarySpread(shards, zones).ifPresent(findings::add);
        }
        return findings;
    }

    private static Stream<Member> members(List<Shard> shards) {
        return shards.stream().flatMap(s -> Stream.concat(Stream.of(s.primary()), s.replicas().stream()));
    }

    private static List<Finding> sharedZone(Shard shard) {
        Member primary = shard.primary();
        if (primary.zone() == null) {
            return List.of();
        }
        return shard.replicas().stream().filter(r -> primary.zone().equals(r.zone()))
                .map(r -> Finding.of(Check.ZONE_SHARED).node(r.pod()).shard(shard.index())
                        .observed(primary.pod() + " and " + r.pod() + " both in zone " + r.zone())
                        .expected("replica in another zone than its primary")
                        .message("Shard " + shard.index() + ": primary " + primary.pod() + " and replica " + r.pod()
                                        + " share zone " + r.zone() + "; losing that zone loses the shard",
                                "Attach " + r.pod() + " to a primary in another zone (CLUSTER REPLICATE <id>) or fail "
                                        + "over to a replica in another zone; the provisioner pairs across zones"))
                .toList();
    }

    private static java.util.Optional<Finding> drifted(Shard shard) {
        Member primary = shard.primary();
        if (primary.intendedRole() != IntendedRole.REPLICA) {
            return java.util.Optional.empty();
        }
        String intended = shard.replicas().stream().filter(r -> r.intendedRole() == IntendedRole.PRIMARY)
                .map(Member::pod).findFirst().orElse(null);
        String remediation = intended != null
                ? "Once " + intended + " is in sync, run CLUSTER FAILOVER on " + intended
                        + " to hand the primary role back (the provisioner does this automatically)"
                : "Bring the shard's primary pod back; it rejoins as a replica, then run CLUSTER FAILOVER on it";
        return java.util.Optional.of(Finding.of(Check.TOPOLOGY_PRIMARY_DRIFTED).node(primary.pod()).shard(shard.index())
                .observed(primary.pod() + " (a replica pod) is primary").expected(Objects.requireNonNullElse(intended,
                        "a primary pod"))
                .message("Shard " + shard.index() + "'s primary role is held by replica pod " + primary.pod()
                        + " after a failover", remediation));
    }

    private static List<Finding> unexpectedZones(List<Shard> shards, List<String> zones) {
        return members(shards).filter(m -> m.zone() != null && !zones.contains(m.zone()))
                .map(m -> Finding.of(Check.ZONE_UNEXPECTED).node(m.pod()).observed(m.zone()).expected(zones)
                        .message(m.pod() + " runs in zone " + m.zone() + ", which the spec does not list",
                                "Check the StatefulSet's node affinity and the node pool's zones"))
                .toList();
    }

    /** Primaries should spread evenly: no zone may hold two more primaries than another wanted zone. */
    private static java.util.Optional<Finding> primarySpread(List<Shard> shards, List<String> zones) {
        Map<String, Integer> perZone = new LinkedHashMap<>();
        zones.forEach(z -> perZone.put(z, 0));
        shards.stream().filter(Shard::servesSlots).map(s -> s.primary().zone())
                .filter(perZone::containsKey).forEach(z -> perZone.merge(z, 1, Integer::sum));
        int max = perZone.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int min = perZone.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        if (max - min <= 1) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Finding.of(Check.ZONE_PRIMARY_SPREAD).observed(perZone)
                .expected("primaries spread evenly over " + zones)
                .message("Primaries are unevenly spread over zones: " + perZone,
                        "Fail over shards (CLUSTER FAILOVER on a replica in an under-used zone) until every zone "
                                + "holds about the same number of primaries"));
    }
}

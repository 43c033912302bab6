package io.statefulsuite.health.domain;

import io.statefulsuite.health.domain.InfoReport.ReplicaLink;
import io.statefulsuite.health.domain.Topology.Member;
import io.statefulsuite.health.domain.Topology.Shard;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One primary per shard, the expected replicas online, links up, offsets close. */
final class ReplicationRules {

    private ReplicationRules() {
    }

    static List<Finding> evaluate(CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Shard shard : context.topology().shards()) {
            Optional<NodeObservation> primary = context.at(shard.primary().address());
            if (shard.primary().failing() && shard.servesSlots()) {
                findings.add(noPrimary(shard));
            }
            primary.ifPresent(p -> findings.addAll(primaryFindings(context, shard, p)));
            for (Member replica : shard.replicas()) {
                Optional<NodeObservation> observed = context.at(replica.address());
                if (observed.isPresent()) {
                    findings.addAll(replicaFindings(context, shard, primary, observed.get()));
                } else {
                    primary.flatMap(p -> unlinkedReplica(shard, p, replica)).ifPresent(findings::add);
                }
            }
        }
        return findings;
    }

    private static Finding noPrimary(Shard shard) {
        String pod = shard.primary().pod();
        return Finding.of(Check.REPLICATION_NO_PRIMARY).node(pod).shard(shard.index())
                .observed(pod + " marked failed").expected("one reachable primary")
                .message("Shard " + shard.index() + " (slots " + shard.slots() + ") has no working primary: " + pod
                                + " is marked failed and no replica took over",
                        "Bring " + pod + " back; if it cannot return, run CLUSTER FAILOVER FORCE on an in-sync replica "
                                + "of the shard (TAKEOVER if no majority of primaries is reachable)");
    }

    /** A replica that could not be read itself: its primary tells whether it is still connected. */
    private static Optional<Finding> unlinkedReplica(Shard shard, NodeObservation primary, Member replica) {
        boolean linked = primary.info().replicaLinks().stream()
                .anyMatch(l -> "online".equals(l.state()) && replica.ip().equals(l.ip()) && replica.port() == l.port());
        if (linked) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(Check.REPLICATION_LINK_DOWN).node(replica.pod()).shard(shard.index())
                .observed("not connected to " + primary.name()).expected("up")
                .message("Replica " + replica.pod() + " is not connected to its primary " + primary.name(),
                        "Check that " + replica.pod() + " is running and can reach " + primary.target().address()
                                + " (NetworkPolicy), and that its masterauth matches the primary's password"));
    }

    private static List<Finding> primaryFindings(CheckContext context, Shard shard, NodeObservation primary) {
        List<Finding> findings = new ArrayList<>();
        List<ReplicaLink> links = primary.info().replicaLinks();
        long online = links.stream().filter(l -> "online".equals(l.state())).count();
        Integer expected = context.expected().replicasPerShard();
        if (expected != null && online < expected) {
            findings.add(Finding.of(Check.REPLICATION_REPLICAS_MISSING).node(primary.name()).shard(shard.index())
                    .observed(online + " online replica(s)").expected(expected)
                    .message("Primary " + primary.name() + " of shard " + shard.index() + " has " + online
                                    + " online replica(s), " + expected + " expected",
                            "Check the shard's replica pods (running? link up? masterauth?); a replica that came "
                                    + "back must be attached with CLUSTER REPLICATE <primary-id>"));
        }
        long fullSyncs = primary.info().number("sync_full", 0);
        if (fullSyncs > links.size()) {
            findings.add(Finding.of(Check.REPLICATION_FULL_RESYNCS).node(primary.name()).shard(shard.index())
                    .observed("sync_full=" + fullSyncs).expected("<= " + links.size())
                    .message("Primary " + primary.name() + " served " + fullSyncs + " full resyncs since it started",
                            "Repeated full resyncs mean the replication backlog is too small or replicas drop: "
                                    + "raise repl-backlog-size and check client-output-buffer-limit replica"));
        }
        return findings;
    }

    private static List<Finding> replicaFindings(CheckContext context, Shard shard, Optional<NodeObservation> primary,
                                                 NodeObservation replica) {
        List<Finding> findings = new ArrayList<>();
        InfoReport info = replica.info();
        String name = replica.name();
        String upstream = info.text("master_host").orElse("?") + ":" + info.text("master_port").orElse("?");
        if (!"up".equals(info.text("master_link_status").orElse("down"))) {
            long downFor = info.number("master_link_down_since_seconds", -1);
            findings.add(Finding.of(Check.REPLICATION_LINK_DOWN).node(name).shard(shard.index())
                    .observed(downFor >= 0 ? "down " + downFor + " s" : "down").expected("up")
                    .message("Replica " + name + " link to its primary " + upstream + " is down"
                                    + (downFor >= 0 ? " for " + downFor + " s" : ""),
                            "Check that " + upstream + " is reachable from " + name + " (NetworkPolicy, DNS), that "
                                    + "masterauth on " + name + " matches the primary's password, and the primary's log"));
        } else if (info.number("master_last_io_seconds_ago", 0) > context.thresholds().lastIoSecondsWarning()) {
            long ago = info.number("master_last_io_seconds_ago", 0);
            findings.add(Finding.of(Check.REPLICATION_LAST_IO_STALE).node(name).shard(shard.index())
                    .observed(ago + " s").expected("<= " + context.thresholds().lastIoSecondsWarning() + " s")
                    .message("Replica " + name + " heard from its primary " + ago + " s ago",
                            "The primary pings replicas every repl-ping-replica-period; silence means a stalled "
                                    + "primary or a lossy network between them"));
        }
        if (info.flag("master_sync_in_progress")) {
            findings.add(Finding.of(Check.REPLICATION_SYNC_IN_PROGRESS).node(name).shard(shard.index())
                    .observed("master_sync_in_progress:1").expected("0")
                    .message("Replica " + name + " is doing a full sync from " + upstream,
                            "Wait for it to finish; if it keeps restarting, raise client-output-buffer-limit replica "
                                    + "and repl-backlog-size on the primary"));
        }
        primary.ifPresent(p -> findings.addAll(lagFindings(context, shard, p, replica)));
        return findings;
    }

    private static List<Finding> lagFindings(CheckContext context, Shard shard, NodeObservation primary,
                                             NodeObservation replica) {
        List<Finding> findings = new ArrayList<>();
        Thresholds limits = context.thresholds();
        long lagBytes = primary.offset() - replica.offset();
        if (primary.offset() >= 0 && replica.offset() >= 0 && lagBytes > limits.lagBytesWarning()) {
            findings.add(Finding.of(Check.REPLICATION_LAG_BYTES).node(replica.name()).shard(shard.index())
                    .severity(lagBytes > limits.lagBytesCritical() ? Severity.CRITICAL : Severity.WARNING)
                    .observed(lagBytes + " bytes").expected("<= " + limits.lagBytesWarning() + " bytes")
                    .message("Replica " + replica.name() + " is " + lagBytes + " bytes behind " + primary.name(),
                            "Check the replica's CPU/disk (AOF fsync) and the network to the primary; a failover now "
                                    + "would lose up to this much data"));
        }
        primary.info().replicaLinks().stream()
                .filter(l -> replica.target().host().equals(l.ip()) && replica.target().port() == l.port())
                .filter(l -> l.lagSeconds() > limits.lagSecondsWarning())
                .findFirst()
                .ifPresent(l -> findings.add(Finding.of(Check.REPLICATION_LAG_SECONDS).node(replica.name())
                        .shard(shard.index()).observed(l.lagSeconds() + " s")
                        .expected("<= " + limits.lagSecondsWarning() + " s")
                        .message("Replica " + replica.name() + " last acknowledged " + l.lagSeconds() + " s ago",
                                "The replica is alive but slow to acknowledge: check its load and the network")));
        return findings;
    }
}

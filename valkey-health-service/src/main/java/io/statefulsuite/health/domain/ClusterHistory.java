package io.statefulsuite.health.domain;

import io.statefulsuite.health.domain.Topology.Shard;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The latest report of one cluster and a bounded list of its transitions. Failovers are recognised by a shard
 * (same slots) whose primary changed between two reports.
 */
public final class ClusterHistory {

    private final int capacity;
    private final Deque<Transition> transitions = new ArrayDeque<>();
    private HealthReport latest;
    private java.time.Instant unhealthySince;

    public ClusterHistory(int capacity) {
        this.capacity = capacity;
    }

    /** Stores the report and returns the transitions it caused (oldest first). */
    public synchronized List<Transition> record(HealthReport report) {
        List<Transition> found = new ArrayList<>();
        if (latest != null) {
            found.addAll(failovers(latest, report));
            if (latest.status() != report.status()) {
                found.add(statusChange(report));
            }
        }
        if (report.status() == HealthStatus.HEALTHY) {
            unhealthySince = null;
        } else if (unhealthySince == null) {
            unhealthySince = report.checkedAt();
        }
        latest = report;
        found.forEach(this::append);
        return found;
    }

    public synchronized Optional<HealthReport> latest() {
        return Optional.ofNullable(latest);
    }

    public synchronized List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    private void append(Transition transition) {
        if (transitions.size() == capacity) {
            transitions.removeFirst();
        }
        transitions.addLast(transition);
    }

    private Transition statusChange(HealthReport report) {
        if (report.status() == HealthStatus.HEALTHY && unhealthySince != null) {
            long millis = Duration.between(unhealthySince, report.checkedAt()).toMillis();
            return new Transition(report.checkedAt(), Transition.Kind.RECOVERED, null, latest.status().name(),
                    report.status().name(), millis, "Healthy again after " + millis + " ms");
        }
        return new Transition(report.checkedAt(), Transition.Kind.STATUS_CHANGED, null, latest.status().name(),
                report.status().name(), null, "Status " + latest.status() + " -> " + report.status());
    }

    private static List<Transition> failovers(HealthReport before, HealthReport after) {
        Map<String, Shard> previous = before.topology().shards().stream().filter(Shard::servesSlots)
                .collect(Collectors.toMap(Shard::slots, Function.identity(), (a, b) -> a));
        List<Transition> found = new ArrayList<>();
        for (Shard shard : after.topology().shards()) {
            Shard old = previous.get(shard.slots());
            if (old != null && !old.primary().pod().equals(shard.primary().pod())) {
                found.add(new Transition(after.checkedAt(), Transition.Kind.FAILOVER, shard.index(),
                        old.primary().pod(), shard.primary().pod(), null,
                        "Shard " + shard.index() + " (slots " + shard.slots() + ") failed over from "
                                + old.primary().pod() + " to " + shard.primary().pod()));
            }
        }
        return found;
    }
}

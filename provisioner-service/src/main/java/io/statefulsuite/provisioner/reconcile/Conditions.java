package io.statefulsuite.provisioner.reconcile;

import io.statefulsuite.provisioner.crd.ClusterCondition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a condition list the Kubernetes way: lastTransitionTime is the time the condition's status last flipped,
 * so re-reconciling a steady cluster produces an identical status (and no write).
 */
final class Conditions {

    static final String TRUE = "True";
    static final String FALSE = "False";
    static final String UNKNOWN = "Unknown";

    private final List<ClusterCondition> previous;
    private final long generation;
    private final Instant now;
    private final List<ClusterCondition> current = new ArrayList<>();

    Conditions(List<ClusterCondition> previous, long generation, Instant now) {
        this.previous = previous == null ? List.of() : previous;
        this.generation = generation;
        this.now = now;
    }

    Conditions set(String type, boolean value, String reason, String message) {
        return set(type, value ? TRUE : FALSE, reason, message);
    }

    Conditions set(String type, String status, String reason, String message) {
        String since = previous.stream()
                .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
                .map(ClusterCondition::getLastTransitionTime)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(now.toString());
        current.removeIf(c -> type.equals(c.getType()));
        current.add(new ClusterCondition(type, status, reason, message, since, generation));
        return this;
    }

    /** Keeps a condition of the previous status that this pass did not evaluate (e.g. Formed while pods restart). */
    Conditions keep(String type) {
        previous.stream().filter(c -> type.equals(c.getType())).findFirst().ifPresent(c -> {
            current.removeIf(existing -> type.equals(existing.getType()));
            current.add(c);
        });
        return this;
    }

    /** Whether the previous status held {@code type} True for the generation this pass works on. */
    boolean wasTrueForThisGeneration(String type) {
        return previous.stream().anyMatch(c -> type.equals(c.getType()) && TRUE.equals(c.getStatus())
                && Objects.equals(c.getObservedGeneration(), generation));
    }

    boolean has(String type) {
        return current.stream().anyMatch(c -> type.equals(c.getType()));
    }

    List<ClusterCondition> list() {
        return List.copyOf(current);
    }
}

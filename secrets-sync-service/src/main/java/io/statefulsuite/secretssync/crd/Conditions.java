package io.statefulsuite.secretssync.crd;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The Ready condition and its reasons. */
public final class Conditions {

    public static final String READY = "Ready";

    public enum Reason { Synced, SyncFailed, SecretMissing, Throttled }

    private Conditions() {
    }

    /** {@code conditions} with Ready set; the transition time only moves when status or reason change. */
    public static List<Condition> withReady(List<Condition> conditions, boolean ready, Reason reason, String message,
                                            Long generation, Instant now) {
        List<Condition> result = new ArrayList<>();
        Condition previous = null;
        for (Condition condition : conditions) {
            if (READY.equals(condition.getType())) {
                previous = condition;
            } else {
                result.add(condition);
            }
        }
        String status = ready ? "True" : "False";
        boolean transition = previous == null || !Objects.equals(previous.getStatus(), status)
                || !Objects.equals(previous.getReason(), reason.name());
        result.add(new ConditionBuilder().withType(READY).withStatus(status).withReason(reason.name())
                .withMessage(message).withObservedGeneration(generation)
                .withLastTransitionTime(transition ? now.toString() : previous.getLastTransitionTime()).build());
        return result;
    }

    public static Condition ready(List<Condition> conditions) {
        return conditions.stream().filter(c -> READY.equals(c.getType())).findFirst().orElse(null);
    }
}

package io.statefulsuite.provisioner.domain.rollout;

import io.statefulsuite.provisioner.domain.formation.ValkeyPod;

import java.util.Optional;

/** What a rolling update does next; one step per reconcile pass, decided afresh from what the cluster reports. */
public sealed interface RolloutStep {

    /** For status: what the step is about. */
    String describe();

    /** Every pod runs the current revision. */
    record Done() implements RolloutStep {
        @Override
        public String describe() {
            return "all pods run the current revision";
        }
    }

    /** Nothing may be replaced now; {@code reason} says what the rollout waits for. */
    record Wait(String reason) implements RolloutStep {
        @Override
        public String describe() {
            return "waiting: " + reason;
        }
    }

    /**
     * Delete {@code pod} so that its StatefulSet re-creates it from the current revision; when {@code successor}
     * is present, hand the pod's slots to that replica first (planned CLUSTER FAILOVER) and delete only once the
     * roles have switched.
     */
    record Replace(ValkeyPod pod, Optional<ValkeyPod> successor, String note) implements RolloutStep {
        @Override
        public String describe() {
            return successor.map(next -> "failing " + pod.name() + " over to " + next.name() + ", then replacing it")
                    .orElse("replacing " + pod.name()) + (note.isEmpty() ? "" : " (" + note + ")");
        }
    }
}

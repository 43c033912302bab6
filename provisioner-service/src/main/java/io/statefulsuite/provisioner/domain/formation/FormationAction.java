package io.statefulsuite.provisioner.domain.formation;

/** One Valkey command the formation sends to one pod. {@link #describe()} is what the report and log show. */
public sealed interface FormationAction {

    /** The pod the command is sent to. */
    ValkeyPod on();

    String describe();

    /**
     * CLUSTER MEET {@code target} from {@code on}.
     *
     * @param remeet true when {@code on} knows the target's node id at an address the target no longer has
     */
    record Meet(ValkeyPod on, ValkeyPod target, boolean remeet) implements FormationAction {
        @Override
        public String describe() {
            return (remeet ? "RE-MEET " : "MEET ") + target.name() + " (" + target.ip() + ") from " + on.name();
        }
    }

    /** CLUSTER FORGET a node that is no pod any more. */
    record Forget(ValkeyPod on, String nodeId) implements FormationAction {
        @Override
        public String describe() {
            return "FORGET " + nodeId + " on " + on.name();
        }
    }

    /** CLUSTER ADDSLOTSRANGE on an empty primary while the cluster is bootstrapped. */
    record AssignSlots(ValkeyPod on, SlotRange range) implements FormationAction {
        @Override
        public String describe() {
            return "ADDSLOTSRANGE " + range.start() + " " + range.end() + " on " + on.name();
        }
    }

    /** CLUSTER REPLICATE: {@code on} follows the primary {@code primary} (node {@code primaryId}). */
    record Replicate(ValkeyPod on, ValkeyPod primary, String primaryId) implements FormationAction {
        @Override
        public String describe() {
            return "REPLICATE " + on.name() + " -> " + primary.name();
        }
    }

    /** CLUSTER FAILOVER on a replica: it takes over its primary's slots once it has caught up. */
    record Failover(ValkeyPod on, ValkeyPod currentPrimary, Reason reason) implements FormationAction {
        public enum Reason {
            FAILBACK,
            PLANNED_RESTART
        }

        @Override
        public String describe() {
            return "FAILOVER to " + on.name() + " from " + currentPrimary.name() + " ("
                    + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
        }
    }
}

package io.statefulsuite.provisioner.domain.formation;

import java.util.List;

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

    /**
     * Moves {@code range} from {@code on} (its current primary) to {@code target}: SETSLOT IMPORTING on the target,
     * MIGRATING on the source, GETKEYSINSLOT + MIGRATE until the slots are empty, then SETSLOT NODE on both and on
     * the other primaries. Repeating it after an interruption is safe.
     */
    record MigrateSlots(ValkeyPod on, String sourceId, ValkeyPod target, String targetId, SlotRange range,
                        List<ValkeyPod> otherPrimaries) implements FormationAction {
        public MigrateSlots {
            otherPrimaries = List.copyOf(otherPrimaries);
        }

        @Override
        public String describe() {
            return "MIGRATE SLOTS " + range + " from " + on.name() + " to " + target.name();
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

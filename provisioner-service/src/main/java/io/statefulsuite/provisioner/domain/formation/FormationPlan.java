package io.statefulsuite.provisioner.domain.formation;

import java.util.List;
import java.util.Optional;

/**
 * The next step towards the requested topology.
 *
 * @param actions     commands to send now, in order
 * @param waitingFor  why nothing (more) can be done yet, e.g. gossip still spreading; polling again helps
 * @param unsupported set when the request asks for a change this version cannot make (e.g. a new shard count);
 *                    polling again does not help
 */
public record FormationPlan(List<FormationAction> actions, List<String> waitingFor, Optional<String> unsupported) {

    public FormationPlan {
        actions = List.copyOf(actions);
        waitingFor = List.copyOf(waitingFor);
    }

    static FormationPlan act(List<FormationAction> actions) {
        return new FormationPlan(actions, List.of(), Optional.empty());
    }

    static FormationPlan waitFor(List<String> reasons) {
        return new FormationPlan(List.of(), reasons, Optional.empty());
    }

    static FormationPlan notSupported(String reason) {
        return new FormationPlan(List.of(), List.of(), Optional.of(reason));
    }

    static FormationPlan settled() {
        return new FormationPlan(List.of(), List.of(), Optional.empty());
    }

    /** Nothing to do and nothing to wait for. */
    public boolean isSettled() {
        return actions.isEmpty() && waitingFor.isEmpty() && unsupported.isEmpty();
    }
}

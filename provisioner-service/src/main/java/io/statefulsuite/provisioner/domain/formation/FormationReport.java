package io.statefulsuite.provisioner.domain.formation;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one convergence pass, for the reconciler's status and events.
 *
 * @param formed      true when {@code cluster_state:ok}, all slots served and every pod in its intended role
 * @param actions     what this pass did, in order (e.g. "MEET cache-primary-1 (10.0.0.5) from cache-primary-0",
 *                    "ADDSLOTSRANGE 0 5460 on cache-primary-0"), empty when nothing needed doing; a command a node
 *                    refused ends in " failed: <reply>"
 * @param message     a human summary for the status condition
 * @param unsupported true when the spec asks for a change this version cannot make (today: a different shard
 *                    count on a formed cluster); retrying does not help, the API answers such a change with 422
 */
public record FormationReport(boolean formed, List<String> actions, String message, boolean unsupported) {

    public FormationReport {
        actions = List.copyOf(actions);
    }

    public FormationReport(boolean formed, List<String> actions, String message) {
        this(formed, actions, message, false);
    }

    /** The same report with {@code note} (when present) added to its message. */
    public FormationReport noting(Optional<String> note) {
        return note.map(text -> new FormationReport(formed, actions, message + ". " + text + ".", unsupported))
                .orElse(this);
    }
}

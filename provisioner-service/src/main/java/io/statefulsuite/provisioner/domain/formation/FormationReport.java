package io.statefulsuite.provisioner.domain.formation;

import java.util.List;

/**
 * The outcome of one convergence pass, for the reconciler's status and events.
 *
 * @param formed  true when {@code cluster_state:ok}, all slots served and every pod in its intended role
 * @param actions what this pass did, in order (e.g. "MEET cache-primary-1", "ADDSLOTSRANGE 0-5460 on ..."),
 *                empty when nothing needed doing
 * @param message a human summary for the status condition
 */
public record FormationReport(boolean formed, List<String> actions, String message) {
}

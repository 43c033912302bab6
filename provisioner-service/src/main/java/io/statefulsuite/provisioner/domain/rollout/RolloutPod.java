package io.statefulsuite.provisioner.domain.rollout;

import io.statefulsuite.provisioner.domain.formation.ValkeyPod;

/**
 * A running pod as the rollout sees it.
 *
 * @param ordinal its StatefulSet ordinal
 * @param updated whether it was created from the current revision of its pod template
 * @param ready   whether Kubernetes reports it ready
 */
public record RolloutPod(ValkeyPod pod, int ordinal, boolean updated, boolean ready) {

    public String name() {
        return pod.name();
    }
}

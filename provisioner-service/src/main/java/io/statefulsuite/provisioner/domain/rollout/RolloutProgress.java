package io.statefulsuite.provisioner.domain.rollout;

import java.util.List;
import java.util.Optional;

/**
 * Where a rolling update stands, for status.
 *
 * @param revision   the revision every pod should run (see {@code StatefulSetManifest.revision})
 * @param updated    running pods created from it
 * @param total      pods the spec asks for
 * @param inProgress true from the first outdated pod until every pod runs the revision again
 * @param currentPod the pod being replaced (or handing over its slots) in this pass, if any
 * @param shard      the shard of that pod
 * @param message    what the rollout did or waits for
 */
public record RolloutProgress(String revision, int updated, int total, boolean inProgress,
                              Optional<String> currentPod, Optional<Integer> shard, String message) {

    /**
     * @param wasInProgress whether the last status said a rollout was in progress: it stays so until the last
     *                      re-created pod is back, even when no outdated pod is left to see
     */
    public static RolloutProgress of(String revision, List<RolloutPod> pods, int total, boolean outdatedLeft,
                                     boolean wasInProgress, RolloutStep step) {
        int updated = (int) pods.stream().filter(RolloutPod::updated).count();
        boolean inProgress = outdatedLeft || wasInProgress && updated < total;
        Optional<RolloutStep.Replace> replace = step instanceof RolloutStep.Replace r ? Optional.of(r) : Optional.empty();
        String counts = updated == total ? "all " + total + " pods run revision " + revision
                : updated + " of " + total + " pods run revision " + revision;
        String message = inProgress ? counts + "; " + step.describe() : counts;
        return new RolloutProgress(revision, updated, total, inProgress,
                replace.map(r -> r.pod().name()), replace.map(r -> r.pod().shard()), message);
    }
}

package io.statefulsuite.provisioner.domain.formation;

import java.util.List;
import java.util.Optional;

/**
 * What the cluster should look like, and the pods that are up to make it so. The password is not part of it,
 * so that it can never be logged with the request.
 *
 * @param primaryZones zones the primaries belong in; a primary found elsewhere is failed back
 */
public record FormationRequest(String namespace, String cluster, int shards, int replicasPerShard,
                               List<String> primaryZones, List<ValkeyPod> pods) {

    /**
     * Names the pods whose zone is unknown: replicas are still placed, but nothing keeps such a pod out of its
     * primary's zone.
     */
    public Optional<String> unknownZones() {
        List<String> unknown = pods.stream().filter(pod -> !pod.zoneKnown()).map(ValkeyPod::name).toList();
        return unknown.isEmpty() ? Optional.empty() : Optional.of("Pods " + unknown + " have no known zone (their"
                + " node has no topology.kubernetes.io/zone label), so no replica placed with them is known to be"
                + " in another zone than its primary");
    }
}

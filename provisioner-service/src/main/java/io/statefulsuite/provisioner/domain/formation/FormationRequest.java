package io.statefulsuite.provisioner.domain.formation;

import java.util.List;

/**
 * What the cluster should look like, and the pods that are up to make it so. The password is not part of it,
 * so that it can never be logged with the request.
 *
 * @param primaryZones zones the primaries belong in; a primary found elsewhere is failed back
 */
public record FormationRequest(String namespace, String cluster, int shards, int replicasPerShard,
                               List<String> primaryZones, List<ValkeyPod> pods) {
}

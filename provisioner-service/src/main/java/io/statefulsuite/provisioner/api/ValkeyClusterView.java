package io.statefulsuite.provisioner.api;

import io.statefulsuite.provisioner.crd.ClusterPhase;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;
import io.statefulsuite.provisioner.crd.ValkeyClusterStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A ValkeyCluster as the REST API shows it.
 *
 * @param resourceVersion send it back in {@code If-Match} to make a PUT conditional (also the ETag)
 * @param phase           the status phase; Pending before the first reconcile, Deleting once deletion started
 */
@Schema(name = "ValkeyCluster")
public record ValkeyClusterView(String namespace, String name, String uid, String resourceVersion, Long generation,
                                String createdAt, ClusterPhase phase, ValkeyClusterSpec spec,
                                ValkeyClusterStatus status) {

    static ValkeyClusterView of(ValkeyCluster cluster) {
        var metadata = cluster.getMetadata();
        return new ValkeyClusterView(metadata.getNamespace(), metadata.getName(), metadata.getUid(),
                metadata.getResourceVersion(), metadata.getGeneration(), metadata.getCreationTimestamp(),
                phaseOf(cluster), cluster.getSpec(), cluster.getStatus());
    }

    private static ClusterPhase phaseOf(ValkeyCluster cluster) {
        if (cluster.isMarkedForDeletion()) {
            return ClusterPhase.Deleting;
        }
        ValkeyClusterStatus status = cluster.getStatus();
        return status == null || status.getPhase() == null ? ClusterPhase.Pending : status.getPhase();
    }
}

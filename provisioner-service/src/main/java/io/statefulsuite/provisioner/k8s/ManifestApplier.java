package io.statefulsuite.provisioner.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.provisioner.config.ProvisionerConfig;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.domain.render.OwnerReferences;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Applies rendered objects with server-side apply under the provisioner's field manager. Namespaced objects get the
 * ValkeyCluster as controlling owner, so the API server garbage-collects them with it; cluster-scoped objects (an
 * inline StorageClass) cannot have a namespaced owner and are cleaned up by the finalizer instead.
 */
@ApplicationScoped
public class ManifestApplier {

    private final KubernetesClient client;
    private final ApiRetry retry;
    private final String fieldManager;

    public ManifestApplier(KubernetesClient client, ApiRetry retry, ProvisionerConfig config) {
        this.client = client;
        this.retry = retry;
        this.fieldManager = config.fieldManager();
    }

    /** Applies in the given order (the renderer orders dependencies first); stops at the first failure. */
    public void apply(ValkeyCluster owner, List<HasMetadata> manifests) {
        OwnerReferences.ownedBy(manifests, ValkeyCluster.API_VERSION, ValkeyCluster.KIND,
                owner.getMetadata().getName(), owner.getMetadata().getUid());
        for (HasMetadata manifest : manifests) {
            retry.run("apply " + manifest.getKind() + " " + manifest.getMetadata().getName(),
                    () -> client.resource(manifest).fieldManager(fieldManager).forceConflicts().serverSideApply());
        }
    }
}

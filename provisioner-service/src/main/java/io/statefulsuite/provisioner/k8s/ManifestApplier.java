package io.statefulsuite.provisioner.k8s;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.provisioner.config.ProvisionerConfig;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.domain.StatefulSetUpdate;
import io.statefulsuite.provisioner.domain.render.OwnerReferences;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Applies rendered objects with server-side apply under the provisioner's field manager. Namespaced objects get the
 * ValkeyCluster as controlling owner, so the API server garbage-collects them with it; cluster-scoped objects (an
 * inline StorageClass) cannot have a namespaced owner and are cleaned up by the finalizer instead.
 */
@ApplicationScoped
public class ManifestApplier {

    /** The orphaning delete of a StatefulSet completes once the garbage collector has released its pods. */
    private static final Duration ORPHAN_WAIT = Duration.ofSeconds(60);

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
            if (manifest instanceof StatefulSet statefulSet) {
                makeWayFor(statefulSet);
            }
            retry.run("apply " + manifest.getKind() + " " + manifest.getMetadata().getName(),
                    () -> client.resource(manifest).fieldManager(fieldManager).forceConflicts().serverSideApply());
        }
    }

    /**
     * The API server refuses changes to a StatefulSet's claim templates (and selector, serviceName, pod management).
     * For such a change, e.g. a bigger volume: grow the existing claims, then delete the StatefulSet leaving its
     * pods and claims in place (orphan cascade); the apply that follows re-creates it and it adopts them.
     */
    private void makeWayFor(StatefulSet desired) {
        var statefulSets = client.apps().statefulSets().inNamespace(desired.getMetadata().getNamespace());
        var existing = statefulSets.withName(desired.getMetadata().getName());
        StatefulSet live = retry.call("get StatefulSet", existing::get);
        if (live == null || StatefulSetUpdate.classify(live, desired) == StatefulSetUpdate.Kind.IN_PLACE) {
            return;
        }
        growClaims(desired);
        retry.run("orphan StatefulSet", () -> existing.withPropagationPolicy(DeletionPropagation.ORPHAN).delete());
        existing.waitUntilCondition(Objects::isNull, ORPHAN_WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private void growClaims(StatefulSet desired) {
        String namespace = desired.getMetadata().getNamespace();
        String size = desired.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests()
                .get("storage").toString();
        List<PersistentVolumeClaim> claims = retry.call("list claims", () -> client.persistentVolumeClaims()
                .inNamespace(namespace).withLabels(desired.getSpec().getSelector().getMatchLabels()).list().getItems());
        claims.stream().filter(claim -> StatefulSetUpdate.needsExpansion(claim, size)).forEach(claim ->
                retry.run("expand claim " + claim.getMetadata().getName(), () -> client.persistentVolumeClaims()
                        .inNamespace(namespace).withName(claim.getMetadata().getName()).edit(c -> {
                            c.getSpec().getResources().getRequests().put("storage", new Quantity(size));
                            return c;
                        })));
    }
}

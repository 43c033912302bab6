package io.statefulsuite.provisioner.k8s;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.provisioner.config.ProvisionerConfig;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.manifests.StatefulSetUpdate;
import io.statefulsuite.provisioner.manifests.OwnerReferences;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    /**
     * Applies in the given order (the renderer orders dependencies first); stops at the first failure.
     *
     * @return why volumes were not grown although the spec asks for more storage (their StorageClass does not
     * allow expansion); empty when nothing was held back. Everything else is applied all the same.
     */
    public Optional<String> apply(ValkeyCluster owner, List<HasMetadata> manifests) {
        OwnerReferences.ownedBy(manifests, ValkeyCluster.API_VERSION, ValkeyCluster.KIND,
                owner.getMetadata().getName(), owner.getMetadata().getUid());
        List<String> refusals = new ArrayList<>();
        for (HasMetadata manifest : manifests) {
            HasMetadata object = manifest instanceof StatefulSet desired ? makeWayFor(desired, refusals) : manifest;
            retry.run("apply " + object.getKind() + " " + object.getMetadata().getName(),
                    () -> client.resource(object).fieldManager(fieldManager).forceConflicts().serverSideApply());
        }
        return refusals.stream().findFirst();
    }

    /**
     * The StatefulSet to apply over the live one: the rendered one, or, when its volumes may not grow, the rendered
     * one with the live claim templates (the refusal goes to {@code refusals}).
     */
    private StatefulSet makeWayFor(StatefulSet desired, List<String> refusals) {
        StatefulSet live = live(desired);
        Optional<String> refused = expansionRefused(live, desired);
        refused.ifPresent(refusals::add);
        StatefulSet target = refused.isPresent() ? StatefulSetUpdate.keepingClaims(live, desired) : desired;
        recreateIfImmutableChanged(live, target);
        return target;
    }

    /**
     * Why the live StatefulSet's volumes may not grow to the rendered size: its StorageClass exists and does not
     * set allowVolumeExpansion. A class that cannot be found is not second-guessed: the API server decides.
     */
    private Optional<String> expansionRefused(StatefulSet live, StatefulSet desired) {
        if (live == null || !StatefulSetUpdate.growsVolumes(live, desired)) {
            return Optional.empty();
        }
        String className = desired.getSpec().getVolumeClaimTemplates().get(0).getSpec().getStorageClassName();
        StorageClass storageClass = className == null ? null : retry.call("get StorageClass",
                () -> client.storage().v1().storageClasses().withName(className).get());
        if (storageClass == null || StatefulSetUpdate.allowsExpansion(storageClass)) {
            return Optional.empty();
        }
        return Optional.of("StorageClass " + className + " does not allow volume expansion (allowVolumeExpansion is "
                + Objects.requireNonNullElse(storageClass.getAllowVolumeExpansion(), "not set") + "): the volumes stay at "
                + StatefulSetUpdate.desiredSize(live).orElse("their size") + " instead of "
                + StatefulSetUpdate.desiredSize(desired).orElse("the requested size")
                + "; allow expansion on the class (or set the size back)");
    }

    private StatefulSet live(StatefulSet desired) {
        return retry.call("get StatefulSet", () -> client.apps().statefulSets()
                .inNamespace(desired.getMetadata().getNamespace()).withName(desired.getMetadata().getName()).get());
    }

    /**
     * The API server refuses changes to a StatefulSet's claim templates (and selector, serviceName, pod management).
     * For such a change, e.g. a bigger volume: grow the existing claims, then delete the StatefulSet leaving its
     * pods and claims in place (orphan cascade); the apply that follows re-creates it and it adopts them.
     */
    private void recreateIfImmutableChanged(StatefulSet live, StatefulSet desired) {
        if (live == null || StatefulSetUpdate.classify(live, desired) == StatefulSetUpdate.Kind.IN_PLACE) {
            return;
        }
        var existing = client.apps().statefulSets().inNamespace(desired.getMetadata().getNamespace())
                .withName(desired.getMetadata().getName());
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

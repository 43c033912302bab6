package io.statefulsuite.local.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' garbage collector in miniature: an object whose owners are all gone is deleted. A StatefulSet
 * deleted with {@code propagationPolicy: Orphan} and created again under the same name adopts its pods and claims
 * instead, which is how volumeClaimTemplates get changed (the mock server keeps no orphan bookkeeping, so adoption
 * is decided here by name).
 */
public final class GarbageCollector {

    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
    private final KubernetesClient client;

    public GarbageCollector(KubernetesClient client) {
        this.client = client;
    }

    public void collect() {
        collect(client.pods());
        collect(client.persistentVolumeClaims());
        collect(client.apps().statefulSets());
        collect(client.services());
        collect(client.configMaps());
        collect(client.secrets());
        collect(client.policy().v1().podDisruptionBudget());
    }

    private <T extends HasMetadata> void collect(MixedOperation<T, ? extends KubernetesResourceList<T>, ? extends Resource<T>> kind) {
        for (T dependent : kind.inAnyNamespace().list().getItems()) {
            List<OwnerReference> owners = dependent.getMetadata().getOwnerReferences();
            if (owners == null || owners.isEmpty()) {
                continue;
            }
            try {
                if (owners.stream().noneMatch(owner -> ownerExists(dependent, owner)) && !adopted(kind, dependent)) {
                    LOG.info("Deleting {} {}/{}: its owners are gone", dependent.getKind(),
                            dependent.getMetadata().getNamespace(), dependent.getMetadata().getName());
                    kind.inNamespace(dependent.getMetadata().getNamespace()).resource(dependent).delete();
                }
            } catch (KubernetesClientException e) {
                LOG.debug("Garbage collection of {} deferred: {}", dependent.getMetadata().getName(), e.getMessage());
            }
        }
    }

    private boolean ownerExists(HasMetadata dependent, OwnerReference owner) {
        return currentOwner(dependent, owner)
                .map(found -> found.getMetadata().getUid().equals(owner.getUid()))
                .orElse(false);
    }

    private Optional<HasMetadata> currentOwner(HasMetadata dependent, OwnerReference owner) {
        return Optional.ofNullable(client.genericKubernetesResources(owner.getApiVersion(), owner.getKind())
                .inNamespace(dependent.getMetadata().getNamespace()).withName(owner.getName()).get());
    }

    private <T extends HasMetadata> boolean adopted(MixedOperation<T, ? extends KubernetesResourceList<T>, ? extends Resource<T>> kind, T dependent) {
        for (OwnerReference owner : dependent.getMetadata().getOwnerReferences()) {
            if (!"StatefulSet".equals(owner.getKind())) {
                continue;
            }
            StatefulSet successor = client.apps().statefulSets().inNamespace(dependent.getMetadata().getNamespace())
                    .withName(owner.getName()).get();
            if (successor != null) {
                owner.setUid(successor.getMetadata().getUid());
                kind.inNamespace(dependent.getMetadata().getNamespace()).resource(dependent).update();
                return true;
            }
        }
        return false;
    }
}

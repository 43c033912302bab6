package io.statefulsuite.secretssync.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.statefulsuite.secretssync.config.SecretsSyncConfig;
import io.statefulsuite.secretssync.crd.SecretSync;
import io.statefulsuite.secretssync.crd.SecretSyncStatus;
import io.statefulsuite.secretssync.domain.SyncKey;
import io.statefulsuite.secretssync.metrics.SyncMetrics;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** SecretSync custom resources: read, create/replace, delete, and status through the status subresource. */
@ApplicationScoped
public class SecretSyncRepository {

    private static final int CONFLICT_RETRIES = 5;

    private final KubernetesClient client;
    private final SyncMetrics metrics;
    /** Only a service that syncs can release a finalizer; a REST-only one must not add any. */
    private final boolean finalizers;

    public SecretSyncRepository(KubernetesClient client, SyncMetrics metrics, SecretsSyncConfig config) {
        this.client = client;
        this.metrics = metrics;
        this.finalizers = config.refresh().enabled();
    }

    public MixedOperation<SecretSync, KubernetesResourceList<SecretSync>, Resource<SecretSync>> resources() {
        return client.resources(SecretSync.class);
    }

    public Optional<SecretSync> get(SyncKey key) {
        return Optional.ofNullable(resources().inNamespace(key.namespace()).withName(key.name()).get());
    }

    public List<SecretSync> list(String namespace) {
        return resources().inNamespace(namespace).list().getItems();
    }

    public List<SecretSync> listAll() {
        return resources().inAnyNamespace().list().getItems();
    }

    /** What a create-or-replace stored: the object as the API server answered the write, and whether it is new. */
    public record Written(SecretSync stored, boolean created) {
    }

    /** Creates the resource, or replaces its spec and labels keeping its status. */
    public Written createOrReplace(SecretSync wanted) {
        SyncKey key = new SyncKey(wanted.getMetadata().getNamespace(), wanted.getMetadata().getName());
        for (int attempt = 0; ; attempt++) {
            Optional<SecretSync> existing = get(key);
            try {
                if (existing.isEmpty()) {
                    if (finalizers) {
                        wanted.addFinalizer(SecretSync.FINALIZER);
                    }
                    SecretSync stored = resources().inNamespace(key.namespace()).resource(wanted).create();
                    metrics.kubernetesWrite("secretsync", "create");
                    return new Written(stored, true);
                }
                SecretSync current = existing.get();
                current.setSpec(wanted.getSpec());
                current.getMetadata().setLabels(wanted.getMetadata().getLabels());
                if (finalizers) {
                    current.addFinalizer(SecretSync.FINALIZER);
                }
                SecretSync stored = resources().inNamespace(key.namespace()).resource(current).update();
                metrics.kubernetesWrite("secretsync", "update");
                return new Written(stored, false);
            } catch (KubernetesClientException e) {
                if (!retryable(e) || attempt >= CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    /** Adds our finalizer (unless the resource is gone or being deleted). */
    public void addFinalizer(SyncKey key) {
        changeMetadata(key, resource -> finalizers && resource.addFinalizer(SecretSync.FINALIZER));
    }

    /** Removes our finalizer, letting a deletion complete. */
    public void removeFinalizer(SyncKey key) {
        changeMetadata(key, resource -> resource.removeFinalizer(SecretSync.FINALIZER));
    }

    /** Applies {@code change} to the latest resource and updates it when it reports a change (conflicts retried). */
    private void changeMetadata(SyncKey key, Predicate<SecretSync> change) {
        for (int attempt = 0; ; attempt++) {
            Optional<SecretSync> current = get(key);
            if (current.isEmpty() || !change.test(current.get())) {
                return;
            }
            try {
                resources().inNamespace(key.namespace()).resource(current.get()).update();
                metrics.kubernetesWrite("secretsync", "update");
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return;
                }
                if (!retryable(e) || attempt >= CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    public boolean delete(SyncKey key) {
        boolean deleted = !resources().inNamespace(key.namespace()).withName(key.name()).delete().isEmpty();
        if (deleted) {
            metrics.kubernetesWrite("secretsync", "delete");
        }
        return deleted;
    }

    /**
     * Applies {@code change} to the latest status and writes it when it differs (optimistic locking, conflicts
     * retried). A sync that changed nothing therefore writes nothing.
     */
    public void updateStatus(SyncKey key, UnaryOperator<SecretSyncStatus> change) {
        for (int attempt = 0; ; attempt++) {
            Optional<SecretSync> current = get(key);
            if (current.isEmpty()) {
                return;
            }
            SecretSync resource = current.get();
            SecretSyncStatus next = change.apply(resource.getStatus());
            if (Objects.equals(next, resource.getStatus())) {
                return;
            }
            resource.setStatus(next);
            try {
                resources().inNamespace(key.namespace()).resource(resource).updateStatus();
                metrics.kubernetesWrite("status", "update");
                return;
            } catch (KubernetesClientException e) {
                if (!retryable(e) || attempt >= CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    static boolean retryable(KubernetesClientException e) {
        return e.getCode() == 409;
    }
}

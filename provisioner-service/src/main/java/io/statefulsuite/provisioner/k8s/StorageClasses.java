package io.statefulsuite.provisioner.k8s;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.provisioner.config.ProvisionerConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Cluster-scoped StorageClasses, applied with the provisioner's field manager. */
@ApplicationScoped
public class StorageClasses {

    private final KubernetesClient client;
    private final ApiRetry retry;
    private final String fieldManager;

    public StorageClasses(KubernetesClient client, ApiRetry retry, ProvisionerConfig config) {
        this.client = client;
        this.retry = retry;
        this.fieldManager = config.fieldManager();
    }

    public List<StorageClass> list() {
        return retry.call("list StorageClasses", () -> client.storage().v1().storageClasses().list().getItems());
    }

    public Optional<StorageClass> find(String name) {
        return Optional.ofNullable(retry.call("get StorageClass", () ->
                client.storage().v1().storageClasses().withName(name).get()));
    }

    public StorageClass apply(StorageClass storageClass) {
        return retry.call("apply StorageClass", () -> client.resource(storageClass)
                .fieldManager(fieldManager).forceConflicts().serverSideApply());
    }
}

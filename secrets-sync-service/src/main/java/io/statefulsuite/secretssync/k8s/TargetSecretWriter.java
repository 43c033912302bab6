package io.statefulsuite.secretssync.k8s;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.statefulsuite.secretssync.manifests.TargetSecrets;
import io.statefulsuite.secretssync.metrics.SyncMetrics;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Function;

/**
 * Writes target Secrets. Each write carries the resourceVersion it was planned against; on a 409 conflict the
 * Secret is read again and the decision made again, so a concurrent change is never overwritten blindly.
 * Every change is one atomic update, except a change of {@code type} or of an immutable Secret, which
 * Kubernetes only allows by delete + create: see {@link #recreate}.
 */
@ApplicationScoped
public class TargetSecretWriter {

    private static final int CONFLICT_RETRIES = 5;

    private final KubernetesClient client;
    private final SyncMetrics metrics;

    public TargetSecretWriter(KubernetesClient client, SyncMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    public Secret read(String namespace, String name) {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    /** Plans against the current Secret and applies the plan; returns the write that was done (or refused). */
    public TargetSecrets.Write apply(String namespace, String name, Function<Secret, TargetSecrets.Write> planner) {
        for (int attempt = 0; ; attempt++) {
            Secret current = read(namespace, name);
            TargetSecrets.Write write = planner.apply(current);
            try {
                execute(namespace, name, current, write);
                return write;
            } catch (KubernetesClientException e) {
                boolean conflict = e.getCode() == 409 || (e.getCode() == 404 && write instanceof TargetSecrets.Update);
                if (!conflict || attempt >= CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private void execute(String namespace, String name, Secret current, TargetSecrets.Write write) {
        var secrets = client.secrets().inNamespace(namespace);
        if (write instanceof TargetSecrets.Create create) {
            secrets.resource(create.secret()).create();
            metrics.kubernetesWrite("secret", "create");
        } else if (write instanceof TargetSecrets.Update update) {
            secrets.resource(update.secret()).update();
            metrics.kubernetesWrite("secret", "update");
        } else if (write instanceof TargetSecrets.Recreate recreate) {
            recreate(namespace, current, recreate.secret());
        } else if (write instanceof TargetSecrets.Delete) {
            secrets.withName(name).delete();
            metrics.kubernetesWrite("secret", "delete");
        }
    }

    /**
     * Replaces {@code previous} by {@code wanted} where no update can: deletes exactly the version planned against
     * (a Secret changed meanwhile gives 409 and is planned again), then creates. Readers see no Secret between
     * the two calls (milliseconds); if the create fails, the previous Secret is put back before the error is
     * reported, and a restore that fails too is repaired by the next pass, which finds no Secret and creates it.
     */
    private void recreate(String namespace, Secret previous, Secret wanted) {
        var secrets = client.secrets().inNamespace(namespace);
        secrets.withName(previous.getMetadata().getName())
                .lockResourceVersion(previous.getMetadata().getResourceVersion()).delete();
        metrics.kubernetesWrite("secret", "delete");
        try {
            secrets.resource(wanted).create();
            metrics.kubernetesWrite("secret", "create");
        } catch (KubernetesClientException e) {
            restore(namespace, previous, e);
            throw e;
        }
    }

    private void restore(String namespace, Secret previous, KubernetesClientException cause) {
        Secret again = new SecretBuilder(previous).editMetadata().withResourceVersion(null).withUid(null)
                .withCreationTimestamp(null).withManagedFields(List.of()).endMetadata().build();
        try {
            client.secrets().inNamespace(namespace).resource(again).create();
            metrics.kubernetesWrite("secret", "create");
        } catch (KubernetesClientException restoreFailed) {
            cause.addSuppressed(restoreFailed);
        }
    }
}

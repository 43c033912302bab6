package io.statefulsuite.secretssync.k8s;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.statefulsuite.secretssync.domain.TargetSecrets;
import io.statefulsuite.secretssync.metrics.SyncMetrics;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Function;

/**
 * Writes target Secrets. Each write carries the resourceVersion it was planned against; on a 409 conflict the
 * Secret is read again and the decision made again, so a concurrent change is never overwritten blindly.
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
            TargetSecrets.Write write = planner.apply(read(namespace, name));
            try {
                execute(namespace, name, write);
                return write;
            } catch (KubernetesClientException e) {
                boolean conflict = e.getCode() == 409 || (e.getCode() == 404 && write instanceof TargetSecrets.Update);
                if (!conflict || attempt >= CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private void execute(String namespace, String name, TargetSecrets.Write write) {
        var secrets = client.secrets().inNamespace(namespace);
        if (write instanceof TargetSecrets.Create create) {
            secrets.resource(create.secret()).create();
            metrics.kubernetesWrite("secret", "create");
        } else if (write instanceof TargetSecrets.Update update) {
            secrets.resource(update.secret()).update();
            metrics.kubernetesWrite("secret", "update");
        } else if (write instanceof TargetSecrets.Recreate recreate) {
            secrets.withName(name).delete();
            metrics.kubernetesWrite("secret", "delete");
            secrets.resource(recreate.secret()).create();
            metrics.kubernetesWrite("secret", "create");
        } else if (write instanceof TargetSecrets.Delete) {
            secrets.withName(name).delete();
            metrics.kubernetesWrite("secret", "delete");
        }
    }
}

package io.statefulsuite.provisioner.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.statefulsuite.provisioner.config.ProvisionerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Repeats a Kubernetes API call that failed for a reason that may go away: a conflict (409, someone else wrote
 * first; the operation must re-read), throttling (429) or a server-side failure (5xx, no answer). Exponential
 * backoff between attempts; the last failure is rethrown for the caller to report.
 */
@ApplicationScoped
public class ApiRetry {

    private static final Logger LOG = Logger.getLogger(ApiRetry.class);

    private final ProvisionerConfig.ApiRetry config;

    public ApiRetry(ProvisionerConfig config) {
        this.config = config.apiRetry();
    }

    public <T> T call(String what, Supplier<T> operation) {
        Duration backoff = config.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.get();
            } catch (KubernetesClientException e) {
                if (!isTransient(e) || attempt >= config.maxAttempts()) {
                    throw e;
                }
                LOG.debugf("%s failed with HTTP %d (attempt %d), retrying in %s", what, e.getCode(), attempt, backoff);
                sleep(backoff);
                backoff = min(backoff.multipliedBy(2), config.maxBackoff());
            }
        }
    }

    public void run(String what, Runnable operation) {
        call(what, () -> {
            operation.run();
            return null;
        });
    }

    /** Whether waiting and repeating can help; a 404, 422 or 403 will answer the same next time. */
    public static boolean isTransient(KubernetesClientException e) {
        int code = e.getCode();
        return code == 409 || code == 429 || code >= 500 || code == 0;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while waiting to retry", e);
        }
    }
}

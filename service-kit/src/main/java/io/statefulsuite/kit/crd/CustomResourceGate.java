package io.statefulsuite.kit.crd;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Holds back the work that needs one custom resource until its CRD is served. Argo CD applies CRDs in an earlier
 * sync wave, but a first sync or a manual install can race the service: instead of failing to start (an informer's
 * first list answers 404), the service starts, reports itself not ready naming the missing CRD, asks again with
 * backoff, and starts the work once the API server serves the resource.
 *
 * <p>The probe is the informer's own first request, a list (limit 1) of the resource in all namespaces, so it needs
 * no right the service lacks anyway and answers exactly what the informer would meet.
 */
public final class CustomResourceGate {

    private static final Logger LOG = Logger.getLogger(CustomResourceGate.class);

    private final KubernetesClient client;
    private final ResourceDefinitionContext resource;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final ScheduledExecutorService executor;
    private volatile String problem = "not checked yet";

    public CustomResourceGate(KubernetesClient client, ResourceDefinitionContext resource, Duration initialBackoff,
                              Duration maxBackoff) {
        this.client = client;
        this.resource = resource;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "crd-gate-" + resource.getPlural());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The gate with the suite's backoff: first retry after 500 ms, doubling up to 15 s. */
    public static CustomResourceGate of(KubernetesClient client, ResourceDefinitionContext resource) {
        return new CustomResourceGate(client, resource, Duration.ofMillis(500), Duration.ofSeconds(15));
    }

    /** {@code plural.group}, the CRD's name. */
    public String crdName() {
        return resource.getPlural() + "." + resource.getGroup();
    }

    /** Why the resource is not usable yet; empty once it is served. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * Runs {@code work} on this gate's thread once the resource is served, checking at once and then with backoff.
     * Work that fails (the CRD deleted between probe and start, say) is retried the same way.
     */
    public void whenServed(Runnable work) {
        executor.execute(() -> attempt(work, initialBackoff));
    }

    public void stop() {
        executor.shutdownNow();
    }

    private void attempt(Runnable work, Duration backoff) {
        Optional<String> missing = probe();
        if (missing.isEmpty()) {
            try {
                work.run();
                problem = null;
                return;
            } catch (RuntimeException e) {
                missing = Optional.of("starting the work failed: " + e.getMessage());
            }
        }
        boolean changed = !missing.get().equals(problem);
        problem = missing.get();
        if (changed) {
            LOG.warnf("Waiting for %s: %s; asking again with backoff up to %s", crdName(), problem, maxBackoff);
        }
        Duration next = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        if (!executor.isShutdown()) {
            executor.schedule(() -> attempt(work, next), backoff.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Optional<String> probe() {
        try {
            client.genericKubernetesResources(resource).inAnyNamespace()
                    .list(new ListOptionsBuilder().withLimit(1L).build());
            return Optional.empty();
        } catch (KubernetesClientException e) {
            return Optional.of(e.getCode() == 404
                    ? "the CustomResourceDefinition " + crdName() + " is not installed (apply deploy/crds)"
                    : "the Kubernetes API answers " + (e.getCode() == 0 ? e.getMessage() : "HTTP " + e.getCode())
                    + " to a list of " + resource.getPlural());
        }
    }
}

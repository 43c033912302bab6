package io.statefulsuite.health.monitor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.statefulsuite.health.config.HealthConfig;
import io.statefulsuite.health.k8s.PodTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.time.Instant;

/**
 * The service's own health, not the clusters': ready when the Kubernetes API answers a pod list (what discovery
 * needs), live while the schedule completes rounds (a wedged scheduler restarts the pod).
 */
@ApplicationScoped
public class ServiceHealthChecks {

    private static final int MISSED_ROUNDS_BEFORE_DEAD = 4;
    private final Instant started = Instant.now();

    @Produces
    @Readiness
    HealthCheck kubernetesApi(KubernetesClient client) {
        return () -> {
            try {
                client.pods().inAnyNamespace().withLabel(PodTargets.NAME_LABEL, "valkey")
                        .list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(1L).build());
                return HealthCheckResponse.up("kubernetes-api");
            } catch (KubernetesClientException e) {
                return HealthCheckResponse.named("kubernetes-api").down().withData("httpStatus", e.getCode()).build();
            }
        };
    }

    @Produces
    @Liveness
    HealthCheck schedule(HealthMonitor monitor, HealthConfig config) {
        return () -> {
            Duration allowed = config.interval().plus(config.nodeTimeout()).multipliedBy(MISSED_ROUNDS_BEFORE_DEAD);
            Instant last = monitor.lastRound().orElse(started);
            boolean alive = Duration.between(last, Instant.now()).compareTo(allowed) < 0;
            return HealthCheckResponse.named("health-schedule").status(alive)
                    .withData("lastRound", monitor.lastRound().map(Instant::toString).orElse("none yet")).build();
        };
    }
}

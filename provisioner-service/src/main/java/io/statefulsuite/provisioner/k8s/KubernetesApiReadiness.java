package io.statefulsuite.provisioner.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.statefulsuite.kit.leader.LeaderElection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the Kubernetes API answers: every endpoint of this service needs it. */
@Readiness
@ApplicationScoped
public class KubernetesApiReadiness implements HealthCheck {

    private final KubernetesClient client;
    private final LeaderElection leadership;

    public KubernetesApiReadiness(KubernetesClient client, LeaderElection leadership) {
        this.client = client;
        this.leadership = leadership;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("kubernetes-api").withData("leader", leadership.isLeader());
        try {
            return response.withData("version", client.getKubernetesVersion().getGitVersion()).up().build();
        } catch (KubernetesClientException e) {
            return response.withData("error", "HTTP " + e.getCode()).down().build();
        }
    }
}

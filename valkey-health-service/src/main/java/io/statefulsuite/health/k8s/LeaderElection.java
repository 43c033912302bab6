package io.statefulsuite.health.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.statefulsuite.health.config.HealthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lease {@code valkey-health-leader}. Every replica checks every cluster (checks are cheap, and so every replica
 * answers REST reads from a warm cache and exports the same metrics), but only the leader writes Kubernetes Events,
 * so a failover is announced once. With election disabled this instance acts as the leader.
 */
@ApplicationScoped
public class LeaderElection {

    public static final String LEASE_NAME = "valkey-health-leader";
    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    private final KubernetesClient client;
    private final HealthConfig.Leader config;
    private final AtomicBoolean leader = new AtomicBoolean();
    private CompletableFuture<?> election;

    public LeaderElection(KubernetesClient client, HealthConfig config) {
        this.client = client;
        this.config = config.leader();
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            leader.set(true);
            return;
        }
        String identity = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("valkey-health-" + UUID.randomUUID());
        String namespace = config.namespace().orElseGet(() -> Optional.ofNullable(client.getNamespace()).orElse("default"));
        election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(LEASE_NAME)
                .withLock(new LeaseLock(namespace, LEASE_NAME, identity))
                .withLeaseDuration(config.leaseDuration())
                .withRenewDeadline(config.renewDeadline())
                .withRetryPeriod(config.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> changed(true, identity), () -> changed(false, identity),
                        newLeader -> LOG.infof("Leader of %s/%s is now %s", namespace, LEASE_NAME, newLeader)))
                .build()).build().start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (election != null) {
            election.cancel(true);
        }
    }

    private void changed(boolean leading, String identity) {
        leader.set(leading);
        LOG.infof("%s %s the lease %s", identity, leading ? "holds" : "lost", LEASE_NAME);
    }

    public boolean isLeader() {
        return leader.get();
    }
}

package io.statefulsuite.health.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
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
import java.util.concurrent.TimeUnit;
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
    private volatile boolean running;
    private CompletableFuture<?> current;

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
        LeaderElectionConfig election = new LeaderElectionConfigBuilder()
                .withName(LEASE_NAME)
                .withLock(new LeaseLock(namespace, LEASE_NAME, identity))
                .withLeaseDuration(config.leaseDuration())
                .withRenewDeadline(config.renewDeadline())
                .withRetryPeriod(config.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> changed(true, identity), () -> changed(false, identity),
                        newLeader -> LOG.infof("Leader of %s/%s is now %s", namespace, LEASE_NAME, newLeader)))
                .build();
        running = true;
        elect(election);
    }

    /**
     * fabric8's elector ends for good once it loses the lease (a missed renewal, an API-server hiccup); a replica
     * that stopped competing would never write Events again after the others are gone, so compete again.
     */
    private synchronized void elect(LeaderElectionConfig election) {
        if (!running) {
            return;
        }
        current = client.leaderElector().withConfig(election).build().start();
        current.whenComplete((ignored, failure) -> {
            if (running) {
                LOG.infof("Election for %s ended; competing again in %s", LEASE_NAME, config.retryPeriod());
                CompletableFuture.delayedExecutor(config.retryPeriod().toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> elect(election));
            }
        });
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        running = false;
        if (current != null) {
            current.cancel(true);
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

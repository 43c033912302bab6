package io.statefulsuite.secretssync.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.statefulsuite.secretssync.config.SecretsSyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Leader election on the Lease {@code secrets-sync-leader}: only the leader runs periodic and informer-driven
 * syncs; every replica serves REST. After losing the lease, the replica competes again.
 */
@ApplicationScoped
public class LeaderGate {

    private static final Logger LOG = Logger.getLogger(LeaderGate.class);

    private final KubernetesClient client;
    private final SecretsSyncConfig.LeaderElection config;
    private final AtomicBoolean leader = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile CompletableFuture<?> election;
    private volatile Runnable onLeading = () -> { };

    public LeaderGate(KubernetesClient client, SecretsSyncConfig config) {
        this.client = client;
        this.config = config.leaderElection();
    }

    public boolean isLeader() {
        return !config.enabled() || leader.get();
    }

    /** Competes for the lease; {@code onLeading} runs each time this replica becomes the leader. */
    public void start(Runnable onLeading) {
        this.onLeading = onLeading;
        if (config.enabled() && running.compareAndSet(false, true)) {
            compete();
        }
    }

    public void stop() {
        running.set(false);
        CompletableFuture<?> current = election;
        if (current != null) {
            current.cancel(true);
        }
    }

    private void compete() {
        election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(config.leaseName())
                .withLock(new LeaseLock(config.namespace(), config.leaseName(), config.identity()))
                .withLeaseDuration(config.leaseDuration())
                .withRenewDeadline(config.renewDeadline())
                .withRetryPeriod(config.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> {
                            leader.set(true);
                            LOG.infof("%s leads (Lease %s/%s)", config.identity(), config.namespace(), config.leaseName());
                            onLeading.run();
                        },
                        () -> {
                            leader.set(false);
                            LOG.infof("%s stopped leading", config.identity());
                        },
                        newLeader -> LOG.debugf("leader is %s", newLeader)))
                .build()).build().start();
        election.whenComplete((ignored, error) -> {
            leader.set(false);
            if (running.get()) {
                compete();
            }
        });
    }
}

package io.statefulsuite.provisioner.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.statefulsuite.provisioner.config.ProvisionerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs for leadership on a coordination.k8s.io Lease in a background thread, again and again: a replica that
 * loses the lease (API server unreachable for longer than the renew deadline) stops leading and competes anew.
 * REST is served by every replica regardless.
 */
@ApplicationScoped
public class Leadership {

    private static final Logger LOG = Logger.getLogger(Leadership.class);

    private final KubernetesClient client;
    private final ProvisionerConfig.LeaderElection config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean leading = new AtomicBoolean();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "leader-election");
        thread.setDaemon(true);
        return thread;
    });
    private final String identity;
    private volatile CompletableFuture<?> election;

    public Leadership(KubernetesClient client, ProvisionerConfig config) {
        this.client = client;
        this.config = config.leaderElection();
        this.identity = this.config.identity()
                .orElseGet(() -> System.getenv().getOrDefault("HOSTNAME", "provisioner-" + UUID.randomUUID()));
    }

    /** Calls {@code onStart} when this replica becomes leader and {@code onStop} when it stops being leader. */
    public void start(Runnable onStart, Runnable onStop) {
        if (!config.enabled()) {
            leading.set(true);
            onStart.run();
            return;
        }
        running.set(true);
        compete(onStart, onStop);
    }

    public boolean isLeader() {
        return leading.get();
    }

    public String identity() {
        return identity;
    }

    public void stop() {
        running.set(false);
        CompletableFuture<?> current = election;
        if (current != null) {
            current.cancel(true);
        }
        executor.shutdownNow();
    }

    private void compete(Runnable onStart, Runnable onStop) {
        String namespace = config.leaseNamespace().orElseGet(client::getNamespace);
        LeaderElector elector = new LeaderElector(client, new LeaderElectionConfigBuilder()
                .withName(config.leaseName())
                .withLock(new LeaseLock(namespace, config.leaseName(), identity()))
                .withLeaseDuration(config.leaseDuration())
                .withRenewDeadline(config.renewDeadline())
                .withRetryPeriod(config.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> {
                            LOG.infof("Leading: this replica (%s) reconciles ValkeyClusters", identity());
                            leading.set(true);
                            onStart.run();
                        },
                        () -> {
                            LOG.infof("Stopped leading (%s)", identity());
                            leading.set(false);
                            onStop.run();
                        },
                        leader -> LOG.debugf("Current leader: %s", leader)))
                .build(), executor);
        election = elector.start();
        election.whenComplete((ignored, failure) -> {
            if (running.get()) {
                // Not at once: an election that ended because the API server is down would otherwise spin.
                CompletableFuture.runAsync(() -> compete(onStart, onStop), CompletableFuture.delayedExecutor(
                        config.retryPeriod().toMillis(), TimeUnit.MILLISECONDS, executor));
            }
        });
    }
}

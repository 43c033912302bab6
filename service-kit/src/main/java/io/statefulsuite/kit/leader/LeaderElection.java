package io.statefulsuite.kit.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs for leadership on a coordination.k8s.io Lease in the background, again and again: fabric8's elector ends
 * for good once it loses the lease (a missed renewal, an API-server outage longer than the renew deadline), and a
 * replica that stopped competing would never lead again after the others are gone. Every replica serves REST
 * regardless; what only the leader does is the caller's business ({@link #start}).
 *
 * <p>The Lease namespace is settled when this bean is built (see {@link LeaseNamespace}), so a service that
 * cannot know it fails at startup with the property to set, not later with a null namespace: a singleton, never
 * a lazy proxy.
 */
@Singleton
public class LeaderElection {

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    private final KubernetesClient client;
    private final LeaseSettings settings;
    private final String identity;
    private final String namespace;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean leading = new AtomicBoolean();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "leader-election");
        thread.setDaemon(true);
        return thread;
    });
    private volatile CompletableFuture<?> election;

    @Inject
    public LeaderElection(KubernetesClient client, LeaseSettings settings) {
        this(client, settings, LeaseNamespace.ofThisProcess());
    }

    public LeaderElection(KubernetesClient client, LeaseSettings settings, LeaseNamespace namespaces) {
        this.client = client;
        this.settings = settings;
        this.identity = settings.identity().or(() -> Optional.ofNullable(System.getenv("HOSTNAME")))
                .orElseGet(() -> settings.leaseName() + "-" + UUID.randomUUID());
        this.namespace = settings.enabled()
                ? namespaces.resolve(settings.namespace(), client::getNamespace, LeaseSettings.PREFIX + ".namespace")
                : null;
    }

    /**
     * Competes for the Lease; {@code onStart} runs each time this replica becomes leader, {@code onStop} each time
     * it stops. With election disabled this replica leads at once.
     */
    public void start(Runnable onStart, Runnable onStop) {
        if (!settings.enabled()) {
            leading.set(true);
            onStart.run();
            return;
        }
        if (running.compareAndSet(false, true)) {
            compete(electionConfig(onStart, onStop));
        }
    }

    public boolean isLeader() {
        return leading.get();
    }

    public String identity() {
        return identity;
    }

    /** The Lease's namespace; empty with election disabled. */
    public Optional<String> namespace() {
        return Optional.ofNullable(namespace);
    }

    public void stop() {
        running.set(false);
        CompletableFuture<?> current = election;
        if (current != null) {
            current.cancel(true);
        }
        executor.shutdownNow();
    }

    private LeaderElectionConfig electionConfig(Runnable onStart, Runnable onStop) {
        return new LeaderElectionConfigBuilder()
                .withName(settings.leaseName())
                .withLock(new LeaseLock(namespace, settings.leaseName(), identity))
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> {
                            LOG.infof("%s leads (Lease %s/%s)", identity, namespace, settings.leaseName());
                            leading.set(true);
                            onStart.run();
                        },
                        () -> {
                            LOG.infof("%s stopped leading (Lease %s/%s)", identity, namespace, settings.leaseName());
                            leading.set(false);
                            onStop.run();
                        },
                        leader -> LOG.debugf("Leader of %s/%s is %s", namespace, settings.leaseName(), leader)))
                .build();
    }

    private void compete(LeaderElectionConfig config) {
        if (!running.get()) {
            return;
        }
        election = new LeaderElector(client, config, executor).start();
        election.whenComplete((ignored, failure) -> {
            leading.set(false);
            if (running.get()) {
                // Not at once: an election that ended because the API server is down would otherwise spin.
                CompletableFuture.runAsync(() -> compete(config), CompletableFuture.delayedExecutor(
                        settings.retryPeriod().toMillis(), TimeUnit.MILLISECONDS, executor));
            }
        });
    }
}

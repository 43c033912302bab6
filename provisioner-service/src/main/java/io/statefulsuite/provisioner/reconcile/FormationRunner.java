package io.statefulsuite.provisioner.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.quarkus.runtime.ShutdownEvent;
import io.statefulsuite.provisioner.config.ProvisionerConfig;
import io.statefulsuite.provisioner.domain.ClusterNames;
import io.statefulsuite.provisioner.domain.Component;
import io.statefulsuite.provisioner.domain.NodeTransport;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import io.statefulsuite.provisioner.domain.formation.FormationReport;
import io.statefulsuite.provisioner.domain.formation.FormationRequest;
import io.statefulsuite.provisioner.domain.formation.PodRole;
import io.statefulsuite.provisioner.domain.formation.ValkeyPod;
import io.statefulsuite.provisioner.k8s.ClusterCleanup;
import io.statefulsuite.provisioner.k8s.ClusterObserver.Observation;
import io.statefulsuite.provisioner.valkey.ClusterFormation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one cluster-formation pass over the running pods, bounded in time, and turns whatever it throws into a
 * {@link FormationFailure} the reconciler reports as a condition.
 */
@ApplicationScoped
public class FormationRunner {

    private final ClusterFormation formation;
    private final ClusterCleanup cleanup;
    private final Duration timeout;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "valkey-formation");
        thread.setDaemon(true);
        return thread;
    });

    public FormationRunner(ClusterFormation formation, ClusterCleanup cleanup, ProvisionerConfig config) {
        this.formation = formation;
        this.cleanup = cleanup;
        this.timeout = config.formation().timeout();
    }

    /** Why a formation pass did not complete; the message is safe to show (it never holds the password). */
    public static final class FormationFailure extends Exception {
        FormationFailure(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    public FormationReport converge(String namespace, String cluster, ResolvedSpec spec, Observation observed,
                                    String password, NodeTransport transport) throws FormationFailure {
        FormationRequest request = request(namespace, cluster, spec, observed);
        FormationReport report = bounded("formation pass", () -> formation.converge(request, password, transport));
        if (report.formed() && spec.replicaCount() == 0 && runsReplicaPods(cluster, observed)) {
            // Formed: the replica pods, which are no part of the request, hold no slots and every wanted node has
            // forgotten them; only now may their StatefulSet go.
            cleanup.deleteReplicaStatefulSet(namespace, cluster);
        }
        return report;
    }

    private static boolean runsReplicaPods(String cluster, Observation observed) {
        String prefix = ClusterNames.statefulSet(cluster, Component.REPLICA) + "-";
        return observed.pods().stream().anyMatch(pod -> pod.getMetadata().getName().startsWith(prefix));
    }

    /** The topology the spec asks for, with the running pods that are to make it so. */
    static FormationRequest request(String namespace, String cluster, ResolvedSpec spec, Observation observed) {
        return new FormationRequest(namespace, cluster, spec.shards(), spec.replicasPerShard(), spec.zoneLabels(),
                pods(cluster, spec, observed));
    }

    /** Runs blocking Valkey work on the formation threads, bounded by the formation timeout. */
    <T> T bounded(String what, Callable<T> work) throws FormationFailure {
        Future<T> pass = executor.submit(work);
        try {
            return pass.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pass.cancel(true);
            throw new FormationFailure(what + " did not finish within " + timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new FormationFailure(cause.getClass().getSimpleName()
                    + Optional.ofNullable(cause.getMessage()).map(m -> ": " + m).orElse(""), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pass.cancel(true);
            throw new FormationFailure("interrupted", e);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    /**
     * The running pods the spec calls for, with their intended role and shard: primary ordinal i leads shard i,
     * replica j follows j % shards. A replica pod past the spec's count (scaled in, or all of them when
     * replicasPerShard is 0) is no part of it, so formation forgets its node.
     */
    static List<ValkeyPod> pods(String cluster, ResolvedSpec spec, Observation observed) {
        return observed.pods().stream()
                .filter(Observation::isRunningWithIp)
                .map(pod -> toValkeyPod(cluster, spec, observed, pod))
                .flatMap(Optional::stream)
                .filter(pod -> pod.role() == PodRole.PRIMARY || ordinal(pod.name()) < spec.replicaCount())
                .toList();
    }

    private static Optional<ValkeyPod> toValkeyPod(String cluster, ResolvedSpec spec, Observation observed, Pod pod) {
        String name = pod.getMetadata().getName();
        for (Component component : List.of(Component.PRIMARY, Component.REPLICA)) {
            String prefix = ClusterNames.statefulSet(cluster, component) + "-";
            Optional<Integer> ordinal = ordinal(name, prefix);
            if (ordinal.isPresent()) {
                boolean primary = component == Component.PRIMARY;
                return Optional.of(new ValkeyPod(name, pod.getStatus().getPodIP(), observed.zoneOf(pod),
                        primary ? PodRole.PRIMARY : PodRole.REPLICA,
                        primary ? ordinal.get() : ordinal.get() % spec.shards()));
            }
        }
        return Optional.empty();
    }

    /** The StatefulSet ordinal of pod {@code name}, e.g. 2 for cache-replica-2. */
    static int ordinal(String name) {
        return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    }

    private static Optional<Integer> ordinal(String name, String prefix) {
        return name.startsWith(prefix) && name.substring(prefix.length()).matches("\\d+")
                ? Optional.of(ordinal(name)) : Optional.empty();
    }
}

package io.statefulsuite.provisioner.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.statefulsuite.provisioner.config.ProvisionerConfig;
import io.statefulsuite.kit.crd.CustomResourceGate;
import io.statefulsuite.kit.leader.LeaderElection;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Objects;

/**
 * Watches ValkeyClusters in all namespaces while this replica leads, and feeds their keys to the reconciler: on
 * every change of spec, metadata or deletion, and on every resync (so pod and node changes are noticed too).
 * Status-only updates, which the reconciler causes itself, are ignored. Nothing competes for the Lease before the
 * ValkeyCluster CRD is served.
 */
@ApplicationScoped
public class ReconcileLoop {

    private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);

    private final KubernetesClient client;
    private final LeaderElection leadership;
    private final CustomResourceGate valkeyClusters;
    private final ClusterReconciler reconciler;
    private final ProvisionerConfig.Reconcile config;
    private volatile WorkQueue queue;
    private volatile SharedIndexInformer<ValkeyCluster> informer;

    public ReconcileLoop(KubernetesClient client, LeaderElection leadership, CustomResourceGate valkeyClusters,
                         ClusterReconciler reconciler, ProvisionerConfig config) {
        this.client = client;
        this.leadership = leadership;
        this.valkeyClusters = valkeyClusters;
        this.reconciler = reconciler;
        this.config = config.reconcile();
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            valkeyClusters.whenServed(() -> leadership.start(this::startWatching, this::stopWatching));
        } else {
            LOG.info("Reconciliation disabled (provisioner.reconcile.enabled=false): serving REST only");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        valkeyClusters.stop();
        leadership.stop();
        stopWatching();
    }

    /** Queues one cluster now, e.g. right after the REST API changed it; ignored when not leading. */
    public void enqueue(String namespace, String name) {
        WorkQueue current = queue;
        if (current != null) {
            current.add(ClusterKey.of(namespace, name));
        }
    }

    private synchronized void startWatching() {
        queue = new WorkQueue(reconciler::reconcile, config.retryDelay(), config.maxRetryDelay());
        informer = client.resources(ValkeyCluster.class).inAnyNamespace()
                .inform(new Handler(queue), config.resyncInterval().toMillis());
    }

    private synchronized void stopWatching() {
        if (informer != null) {
            informer.close();
            informer = null;
        }
        if (queue != null) {
            queue.shutdown();
            queue = null;
        }
    }

    private record Handler(WorkQueue queue) implements ResourceEventHandler<ValkeyCluster> {

        @Override
        public void onAdd(ValkeyCluster cluster) {
            queue.add(ClusterKey.of(cluster));
        }

        @Override
        public void onUpdate(ValkeyCluster before, ValkeyCluster after) {
            if (isResync(before, after) || !onlyStatusChanged(before, after)) {
                queue.add(ClusterKey.of(after));
            }
        }

        @Override
        public void onDelete(ValkeyCluster cluster, boolean finalStateUnknown) {
            queue.add(ClusterKey.of(cluster));
        }

        private static boolean isResync(ValkeyCluster before, ValkeyCluster after) {
            return Objects.equals(before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion());
        }

        private static boolean onlyStatusChanged(ValkeyCluster before, ValkeyCluster after) {
            return Objects.equals(before.getMetadata().getGeneration(), after.getMetadata().getGeneration())
                    && Objects.equals(before.getMetadata().getAnnotations(), after.getMetadata().getAnnotations())
                    && Objects.equals(before.getMetadata().getFinalizers(), after.getMetadata().getFinalizers())
                    && Objects.equals(before.getMetadata().getDeletionTimestamp(),
                    after.getMetadata().getDeletionTimestamp());
        }
    }
}

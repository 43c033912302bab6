package io.statefulsuite.provisioner.k8s;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.crd.ValkeyClusterStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The ValkeyCluster custom resources: the only place desired state and status are kept. */
@ApplicationScoped
public class ValkeyClusterStore {

    /** Finalizer that lets the reconciler remove what a deleted cluster leaves behind (volumes, inline class). */
    public static final String FINALIZER = "stateful.suite.io/cleanup";
    /** Set by DELETE ?retainVolumes=false just before the delete, read by the finalizer. */
    public static final String RETAIN_VOLUMES_ANNOTATION = "stateful.suite.io/retain-volumes";

    private final KubernetesClient client;
    private final ApiRetry retry;

    public ValkeyClusterStore(KubernetesClient client, ApiRetry retry) {
        this.client = client;
        this.retry = retry;
    }

    public Optional<ValkeyCluster> find(String namespace, String name) {
        return Optional.ofNullable(retry.call("get ValkeyCluster", () -> one(namespace, name).get()));
    }

    public List<ValkeyCluster> list(String namespace) {
        return retry.call("list ValkeyClusters", () -> clusters().inNamespace(namespace).list().getItems());
    }

    public List<ValkeyCluster> listAll() {
        return retry.call("list ValkeyClusters", () -> clusters().inAnyNamespace().list().getItems());
    }

    /** Creates the resource with the cleanup finalizer; 409 when it appeared meanwhile. */
    public ValkeyCluster create(ValkeyCluster cluster) {
        cluster.getMetadata().setFinalizers(new ArrayList<>(List.of(FINALIZER)));
        return clusters().resource(cluster).create();
    }

    /**
     * Replaces the resource; the object's resourceVersion makes it conditional, so a concurrent writer's change is
     * never overwritten (the API server answers 409).
     */
    public ValkeyCluster replace(ValkeyCluster cluster) {
        return clusters().resource(cluster).update();
    }

    /** Records the caller's volume choice on the resource, then deletes it; the finalizer does the rest. */
    public ValkeyCluster delete(ValkeyCluster cluster, boolean retainVolumes) {
        ValkeyCluster annotated = retry.call("annotate ValkeyCluster", () -> edit(cluster, c -> {
            Map<String, String> annotations = new HashMap<>(Objects.requireNonNullElse(
                    c.getMetadata().getAnnotations(), Map.of()));
            annotations.put(RETAIN_VOLUMES_ANNOTATION, Boolean.toString(retainVolumes));
            c.getMetadata().setAnnotations(annotations);
            return c;
        }));
        retry.run("delete ValkeyCluster", () -> clusters().resource(annotated).delete());
        return find(namespaceOf(cluster), cluster.getMetadata().getName()).orElse(annotated);
    }

    public static boolean retainsVolumes(ValkeyCluster cluster) {
        Map<String, String> annotations = cluster.getMetadata().getAnnotations();
        return annotations == null || !"false".equals(annotations.get(RETAIN_VOLUMES_ANNOTATION));
    }

    public void ensureFinalizer(ValkeyCluster cluster) {
        if (!cluster.hasFinalizer(FINALIZER)) {
            retry.run("add finalizer", () -> edit(cluster, c -> {
                c.addFinalizer(FINALIZER);
                return c;
            }));
        }
    }

    public void removeFinalizer(ValkeyCluster cluster) {
        retry.run("remove finalizer", () -> edit(cluster, c -> {
            c.removeFinalizer(FINALIZER);
            return c;
        }));
    }

    /**
     * Writes the status computed from the latest version of the resource, re-reading on conflict; writes nothing
     * when the status is already what it should be (so a steady cluster causes no watch events).
     */
    public void writeStatus(String namespace, String name, UnaryOperator<ValkeyClusterStatus> desired) {
        retry.run("update ValkeyCluster status", () -> {
            ValkeyCluster latest = one(namespace, name).get();
            if (latest == null || latest.isMarkedForDeletion() && latest.getFinalizers().isEmpty()) {
                return;
            }
            ValkeyClusterStatus status = desired.apply(latest.getStatus());
            if (!Json.sameTree(status, latest.getStatus())) {
                latest.setStatus(status);
                clusters().resource(latest).updateStatus();
            }
        });
    }

    private ValkeyCluster edit(ValkeyCluster cluster, UnaryOperator<ValkeyCluster> change) {
        return one(namespaceOf(cluster), cluster.getMetadata().getName()).edit(change);
    }

    private Resource<ValkeyCluster> one(String namespace, String name) {
        return clusters().inNamespace(namespace).withName(name);
    }

    private MixedOperation<ValkeyCluster, KubernetesResourceList<ValkeyCluster>, Resource<ValkeyCluster>> clusters() {
        return client.resources(ValkeyCluster.class);
    }

    private static String namespaceOf(ValkeyCluster cluster) {
        ObjectMeta metadata = cluster.getMetadata();
        return metadata.getNamespace();
    }
}

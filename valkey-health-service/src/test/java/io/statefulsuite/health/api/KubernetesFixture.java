package io.statefulsuite.health.api;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.health.k8s.ClusterDiscovery;
import io.statefulsuite.testkit.valkey.ValkeyNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes what the provisioner would have created (CR, Secret, Nodes, PVCs, Pods) into the mock API server. */
final class KubernetesFixture {

    static final String REGION = "westeurope";

    private final KubernetesClient client;

    KubernetesFixture(KubernetesClient client) {
        this.client = client;
    }

    void nodes() {
        for (String zone : List.of("1", "2", "3")) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName("aks-valkey-" + zone)
                    .addToLabels("topology.kubernetes.io/zone", REGION + "-" + zone).endMetadata().build())
                    .createOr(existing -> existing.update());
        }
    }

    void cluster(String namespace, String name, String password) {
        cluster(namespace, name, password, Map.of());
    }

    /** {@code extraSpec}: spec fields beyond the defaults, e.g. {@code tls}. */
    void cluster(String namespace, String name, String password, Map<String, Object> extraSpec) {
        Map<String, Object> spec = new HashMap<>(Map.of("shards", 3, "replicasPerShard", 1,
                "zones", List.of("1", "2", "3"), "region", REGION,
                "persistence", Map.of("aof", true, "appendfsync", "everysec")));
        spec.putAll(extraSpec);
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion("stateful.suite.io/v1alpha1").withKind("ValkeyCluster")
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
        client.genericKubernetesResources(ClusterDiscovery.VALKEY_CLUSTERS).inNamespace(namespace)
                .resource(resource).create();
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name + "-auth")
                .endMetadata().addToData("password", Base64.getEncoder().encodeToString(
                        password.getBytes(StandardCharsets.UTF_8))).build()).create();
    }

    /** A pod of StatefulSet {@code <cluster>-<component>} on the node of {@code zone}, pointing at a real server. */
    void pod(String namespace, String cluster, String component, int ordinal, ValkeyNode server, String zone) {
        String podName = cluster + "-" + component + "-" + ordinal;
        String claim = "data-" + podName;
        client.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(claim).endMetadata().withNewStatus().withPhase("Bound").endStatus().build())
                .create();
        String owner = cluster + "-" + component;
        Pod pod = new PodBuilder().withNewMetadata().withName(podName).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/name", "valkey").addToLabels("app.kubernetes.io/instance", cluster)
                .addToLabels("app.kubernetes.io/component", component)
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet").withName(owner)
                .withUid(statefulSetUid(namespace, owner)).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withNodeName("aks-valkey-" + zone)
                .addNewContainer().withName("valkey").withImage("valkey/valkey:8.1")
                .addNewPort().withName("client").withContainerPort(server.port()).endPort()
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount().endContainer()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(claim)
                .endPersistentVolumeClaim().endVolume()
                .endSpec()
                .withNewStatus().withPodIP(server.host()).withPhase("Running").endStatus().build();
        client.pods().inNamespace(namespace).resource(pod).create();
    }

    /** The StatefulSet that owns a cluster's pods (created on first use); only its pods are checked. */
    String statefulSetUid(String namespace, String name) {
        StatefulSet existing = client.apps().statefulSets().inNamespace(namespace).withName(name).get();
        if (existing != null) {
            return existing.getMetadata().getUid();
        }
        return client.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder().withNewMetadata()
                .withName(name).withNamespace(namespace).withUid(UUID.randomUUID().toString())
                .addToLabels("app.kubernetes.io/name", "valkey").endMetadata().build()).create().getMetadata().getUid();
    }
}

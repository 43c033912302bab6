package io.statefulsuite.provisioner.testing;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import io.statefulsuite.provisioner.manifests.RenderOptions;
import io.statefulsuite.provisioner.manifests.ValkeyClusterManifests;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.ClusterNames;
import io.statefulsuite.provisioner.domain.Component;
import io.statefulsuite.provisioner.manifests.StatefulSetManifest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What a real cluster would have and the CRUD mock has not: the CRD (so status is a subresource), nodes with zone
 * labels, the password Secret, and the pods and claims a StatefulSet controller would create.
 */
public final class ClusterFixtures {

    private ClusterFixtures() {
    }

    /** Registers the ValkeyCluster CRD with its status subresource; the mock then keeps spec and status apart. */
    public static void registerCrd(KubernetesClient client) {
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("valkeyclusters." + ValkeyCluster.GROUP).endMetadata()
                .withNewSpec()
                .withGroup(ValkeyCluster.GROUP)
                .withScope("Namespaced")
                .withNewNames().withKind(ValkeyCluster.KIND).withPlural("valkeyclusters")
                .withSingular("valkeycluster").withShortNames("vkc").endNames()
                .addNewVersion().withName(ValkeyCluster.VERSION).withServed(true).withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .endVersion()
                .endSpec()
                .build();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).createOr(existing -> existing.update());
    }

    public static void passwordSecret(KubernetesClient client, String namespace, String cluster, String password) {
        client.secrets().inNamespace(namespace).resource(new SecretBuilder()
                .withNewMetadata().withName(cluster + "-auth").withNamespace(namespace).endMetadata()
                .addToData("password", Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)))
                .build()).createOr(existing -> existing.update());
    }

    /** A {@code kubernetes.io/tls} Secret with the given keys (e.g. tls.crt, tls.key, ca.crt) and values. */
    public static void tlsSecret(KubernetesClient client, String namespace, String name, Map<String, byte[]> keys) {
        SecretBuilder secret = new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withType("kubernetes.io/tls");
        keys.forEach((key, value) -> secret.addToData(key, Base64.getEncoder().encodeToString(value)));
        client.secrets().inNamespace(namespace).resource(secret.build()).createOr(existing -> existing.update());
    }

    /** One node per zone label, named {@code node-<zone>}. */
    public static void zonedNodes(KubernetesClient client, List<String> zoneLabels) {
        for (String zone : zoneLabels) {
            client.nodes().resource(new NodeBuilder()
                    .withNewMetadata().withName("node-" + zone)
                    .withLabels(Map.of(StatefulSetManifest.ZONE_LABEL, zone, "agentpool", "valkey")).endMetadata()
                    .build()).createOr(existing -> existing.update());
        }
    }

    /** A pod of the StatefulSet {@code component} as the kubelet would report it once running. */
    public static Pod runningPod(KubernetesClient client, String namespace, String cluster, Component component,
                                 int ordinal, String nodeZone, String ip, boolean ready) {
        return runningPod(client, namespace, cluster, component, ordinal, nodeZone, ip, ready, null);
    }

    /**
     * The same, created from the pod template of {@code spec} as a StatefulSet controller would: it carries the
     * template's revision, so the provisioner does not roll it.
     */
    public static Pod runningPod(KubernetesClient client, String namespace, String cluster, Component component,
                                 int ordinal, String nodeZone, String ip, boolean ready, ValkeyClusterSpec spec) {
        Map<String, String> annotations = spec == null ? Map.of()
                : Map.of(StatefulSetManifest.REVISION_ANNOTATION, revision(namespace, cluster, spec));
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(ClusterNames.pod(cluster, component, ordinal)).withNamespace(namespace)
                .withLabels(ClusterLabels.of(cluster, component)).withAnnotations(annotations)
                .withOwnerReferences(controller(client, namespace, ClusterNames.statefulSet(cluster, component)))
                .endMetadata()
                .withNewSpec().withNodeName("node-" + nodeZone).addNewContainer().withName("valkey")
                .withImage("valkey/valkey:8.1").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus()
                .build();
        return client.pods().inNamespace(namespace).resource(pod).createOr(existing -> existing.update());
    }

    /**
     * A pod of the StatefulSet {@code component} the scheduler has turned away: Pending, PodScheduled False with
     * reason Unschedulable and the scheduler's {@code message}.
     */
    public static Pod unschedulablePod(KubernetesClient client, String namespace, String cluster, Component component,
                                       int ordinal, String message) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(ClusterNames.pod(cluster, component, ordinal)).withNamespace(namespace)
                .withLabels(ClusterLabels.of(cluster, component))
                .withOwnerReferences(controller(client, namespace, ClusterNames.statefulSet(cluster, component)))
                .endMetadata()
                .withNewSpec().addNewContainer().withName("valkey").withImage("valkey/valkey:8.1").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Pending")
                .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage(message).endCondition()
                .endStatus()
                .build();
        return client.pods().inNamespace(namespace).resource(pod).createOr(existing -> existing.update());
    }

    /**
     * The owner reference a StatefulSet controller puts on its pods, which the provisioner requires; none while the
     * StatefulSet does not exist yet, so such a pod is ignored like a stray one (create pods after the apply).
     */
    private static List<OwnerReference> controller(KubernetesClient client, String namespace, String statefulSetName) {
        StatefulSet owner = client.apps().statefulSets().inNamespace(namespace).withName(statefulSetName).get();
        return owner == null ? List.of() : List.of(new OwnerReferenceBuilder().withApiVersion("apps/v1")
                .withKind("StatefulSet").withName(statefulSetName).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build());
    }

    /** The revision the provisioner renders on the pod templates of {@code spec}. */
    public static String revision(String namespace, String cluster, ValkeyClusterSpec spec) {
        return ValkeyClusterManifests.render(namespace, cluster, ResolvedSpec.resolve(namespace, cluster, spec),
                        RenderOptions.DEFAULTS).stream()
                .filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast).findFirst()
                .map(statefulSet -> StatefulSetManifest.revisionOf(statefulSet.getSpec().getTemplate().getMetadata()))
                .orElseThrow();
    }

    /** The claim a StatefulSet controller creates from the {@code data} template, already bound. */
    public static void boundClaim(KubernetesClient client, String namespace, String cluster, Component component,
                                  int ordinal, String size) {
        claim(client, namespace, cluster, component, ordinal, size, "managed-csi-premium", "Bound");
    }

    /** The same claim of class {@code storageClass}, still Pending: no volume is bound to it. */
    public static void pendingClaim(KubernetesClient client, String namespace, String cluster, Component component,
                                    int ordinal, String storageClass) {
        claim(client, namespace, cluster, component, ordinal, "20Gi", storageClass, "Pending");
    }

    private static void claim(KubernetesClient client, String namespace, String cluster, Component component,
                              int ordinal, String size, String storageClass, String phase) {
        Map<String, Quantity> capacity = "Bound".equals(phase) ? Map.of("storage", new Quantity(size)) : null;
        client.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(ClusterNames.claim(cluster, component, ordinal)).withNamespace(namespace)
                .withLabels(ClusterLabels.podSelector(cluster, component)).endMetadata()
                .withNewSpec().withStorageClassName(storageClass).withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity(size)).endResources().endSpec()
                .withNewStatus().withPhase(phase).withCapacity(capacity).endStatus()
                .build()).createOr(existing -> existing.update());
    }
}

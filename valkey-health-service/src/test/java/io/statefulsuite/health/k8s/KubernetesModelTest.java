package io.statefulsuite.health.k8s;

import io.statefulsuite.health.domain.ExpectedTopology;
import io.statefulsuite.health.domain.IntendedRole;
import io.statefulsuite.health.domain.NodeTarget;
import io.statefulsuite.health.domain.VolumeState;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesModelTest {

    @Test
    void specFieldsAndDefaultsFromTheGenericResource() {
        var resource = new GenericKubernetesResourceBuilder().withNewMetadata().withName("cache").endMetadata()
                .addToAdditionalProperties("spec", Map.of("shards", 4, "region", "westeurope",
                        "persistence", Map.of("aof", false, "rdbSave", List.of("900 1")),
                        "auth", Map.of("secretName", "vault-pw")))
                .build();

        ExpectedTopology expected = ClusterSpecReader.expected(resource);

        assertThat(expected).isEqualTo(new ExpectedTopology(ExpectedTopology.Source.CUSTOM_RESOURCE, 4, 1,
                List.of("westeurope-1", "westeurope-2", "westeurope-3"), false, "everysec", List.of("900 1")));
        assertThat(ClusterSpecReader.auth(resource, "cache")).isEqualTo(new ClusterSpecReader.SecretRef("vault-pw", "password"));
        assertThat(ClusterSpecReader.auth(null, "cache")).isEqualTo(new ClusterSpecReader.SecretRef("cache-auth", "password"));
    }

    @Test
    void specTlsAtAllMeansTlsEvenWithoutASecretName() {
        assertThat(ClusterSpecReader.tls(withSpec(Map.of("tls", Map.of("secretName", "cache-tls")))))
                .contains(new ClusterSpecReader.TlsRef("cache-tls"));
        assertThat(ClusterSpecReader.tls(withSpec(Map.of("tls", Map.of())))).contains(new ClusterSpecReader.TlsRef(null));
        assertThat(ClusterSpecReader.tls(withSpec(Map.of("shards", 3)))).isEmpty();
        assertThat(ClusterSpecReader.tls(null)).isEmpty();
    }

    private static GenericKubernetesResource withSpec(Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder().withNewMetadata().withName("cache").endMetadata()
                .addToAdditionalProperties("spec", spec).build();
    }

    @Test
    void podsBecomeTargetsWithZoneRoleAndVolume() {
        Pod pod = pod("10.1.2.3").editSpec().addNewVolume().withName("data").withNewPersistentVolumeClaim()
                .withClaimName("data-cache-replica-0").endPersistentVolumeClaim().endVolume().endSpec().build();

        NodeTarget target = PodTargets.target(pod, Map.of("aks-1", "westeurope-1"),
                Map.of("data-cache-replica-0", "Pending")).orElseThrow();

        assertThat(target).isEqualTo(new NodeTarget("cache-replica-0", "10.1.2.3", 6379, "westeurope-1",
                IntendedRole.REPLICA, new VolumeState("data-cache-replica-0", "Pending")));
    }

    @Test
    void aPodWithoutIpIsNoTargetAndAnEmptyDirIsEphemeral() {
        assertThat(PodTargets.target(pod(null).build(), Map.of(), Map.of())).isEmpty();
        Pod ephemeral = pod("10.1.2.3").editSpec().addNewVolume().withName("data").withNewEmptyDir().endEmptyDir()
                .endVolume().endSpec().build();
        assertThat(PodTargets.target(ephemeral, Map.of(), Map.of()).orElseThrow().volume().persistent()).isFalse();
    }

    @Test
    void onlyAPodControlledByItsClustersStatefulSetIsTrusted() {
        Map<String, String> uids = Map.of("shop/cache-replica", "uid-replica", "shop/cache-primary", "uid-primary");

        assertThat(PodTargets.controlledByItsCluster(owned("cache-replica", "uid-replica", true), uids)).isTrue();
        assertThat(PodTargets.controlledByItsCluster(owned("cache-primary", "uid-primary", true), uids)).isTrue();
        assertThat(PodTargets.controlledByItsCluster(pod("10.1.2.3").editMetadata().withNamespace("shop")
                .addToLabels(PodTargets.INSTANCE_LABEL, "cache").endMetadata().build(), uids))
                .as("labels only").isFalse();
        assertThat(PodTargets.controlledByItsCluster(owned("cache-replica", "forged", true), uids))
                .as("the StatefulSet's name with another uid").isFalse();
        assertThat(PodTargets.controlledByItsCluster(owned("cache-replica", "uid-replica", false), uids))
                .as("not the controller").isFalse();
        assertThat(PodTargets.controlledByItsCluster(owned("other-replica", "uid-replica", true), uids))
                .as("another cluster's StatefulSet").isFalse();
    }

    private static Pod owned(String statefulSet, String uid, boolean controller) {
        return pod("10.1.2.3").editMetadata().withNamespace("shop").addToLabels(PodTargets.INSTANCE_LABEL, "cache")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet").withName(statefulSet)
                .withUid(uid).withController(controller).endOwnerReference().endMetadata().build();
    }

    private static PodBuilder pod(String ip) {
        return new PodBuilder().withNewMetadata().withName("cache-replica-0")
                .addToLabels(PodTargets.COMPONENT_LABEL, "replica").endMetadata()
                .withNewSpec().withNodeName("aks-1").addNewContainer().withName("valkey")
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount().endContainer().endSpec()
                .withNewStatus().withPodIP(ip).endStatus();
    }
}

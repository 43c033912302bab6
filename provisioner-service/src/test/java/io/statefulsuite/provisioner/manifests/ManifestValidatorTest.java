package io.statefulsuite.provisioner.manifests;

import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import io.statefulsuite.provisioner.domain.Violation;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.statefulsuite.provisioner.crd.StorageClassSpec;
import io.statefulsuite.provisioner.crd.StorageSpec;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;
import io.statefulsuite.provisioner.manifests.RenderOptions;
import io.statefulsuite.provisioner.manifests.ValkeyClusterManifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each test breaks one thing in correctly rendered objects and expects the validator to name it. */
class ManifestValidatorTest {

    @Test
    void correctlyRenderedObjectsPass() {
        assertThat(ManifestValidator.validate(rendered())).isEmpty();
    }

    static Stream<Arguments> breakages() {
        return Stream.of(
                broken("StatefulSet/orders-primary.spec.selector:selector-mismatch",
                        objects -> primary(objects).getSpec().getSelector().getMatchLabels()
                                .put(ClusterLabels.COMPONENT, "replica")),
                broken("StatefulSet/orders-primary.spec.template.metadata.labels.app.kubernetes.io/part-of:required-label",
                        objects -> primary(objects).getSpec().getTemplate().getMetadata().getLabels()
                                .remove(ClusterLabels.PART_OF)),
                broken("ConfigMap/orders-config.metadata.labels.app.kubernetes.io/instance:label-value",
                        objects -> configMap(objects).getMetadata().getLabels().put(ClusterLabels.INSTANCE, "-orders")),
                broken("StatefulSet/orders-primary.spec.volumeClaimTemplates[0].spec.resources.requests.storage:quantity",
                        objects -> primary(objects).getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources()
                                .setRequests(Map.of("storage", new Quantity("20", "Gx")))),
                broken("StatefulSet/orders-primary.spec.template.spec.containers[0].resources.limits.memory:quantity",
                        objects -> primary(objects).getSpec().getTemplate().getSpec().getContainers().get(0)
                                .setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                                        .addToLimits("memory", new Quantity("0")).build())),
                broken("StatefulSet/orders-primary.spec.template.spec.containers[0].ports[2].name:port-name",
                        objects -> primary(objects).getSpec().getTemplate().getSpec().getContainers().get(0).getPorts()
                                .add(new ContainerPortBuilder().withName("client").withContainerPort(7000).build())),
                broken("StatefulSet/orders-primary.spec.template.spec.containers[0].ports[2].containerPort:port-number",
                        objects -> primary(objects).getSpec().getTemplate().getSpec().getContainers().get(0).getPorts()
                                .add(new ContainerPortBuilder().withName("metrics").withContainerPort(6379).build())),
                broken("StatefulSet/orders-primary.spec.template.spec.containers[0].volumeMounts[4].name:reference",
                        objects -> primary(objects).getSpec().getTemplate().getSpec().getContainers().get(0)
                                .getVolumeMounts().add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build())),
                broken("StatefulSet/orders-primary.spec.template.spec.containers[0].image:required",
                        objects -> primary(objects).getSpec().getTemplate().getSpec().getContainers().get(0).setImage(null)),
                broken("StatefulSet/orders-primary.spec.template.spec.containers[0].command:reference",
                        objects -> configMap(objects).getData().remove("ready.sh")),
                broken("StatefulSet/orders-primary.spec.serviceName:reference",
                        objects -> primary(objects).getSpec().setServiceName("orders-primaries")),
                broken("StatefulSet/orders-primary.spec.serviceName:selector-mismatch",
                        objects -> service(objects, "orders-primary").getSpec().getSelector()
                                .put(ClusterLabels.COMPONENT, "primaries")),
                broken("Service/orders.spec.ports[0].targetPort:reference",
                        objects -> service(objects, "orders").getSpec().getPorts().get(0).setTargetPort(new IntOrString("redis"))),
                broken("PodDisruptionBudget/orders.spec.selector:selector-mismatch",
                        objects -> pdb(objects).getSpec().getSelector().getMatchLabels().put(ClusterLabels.COMPONENT, "primary")),
                broken("StatefulSet/orders-primary.spec.template.spec.topologySpreadConstraints[0].labelSelector:selector-mismatch",
                        objects -> primary(objects).getSpec().getTemplate().getSpec().getTopologySpreadConstraints().get(0)
                                .getLabelSelector().setMatchLabels(Map.of(ClusterLabels.INSTANCE, "payments"))),
                broken("ConfigMap/orders-config.data.valkey conf:config-key",
                        objects -> configMap(objects).getData().put("valkey conf", "port 6379")),
                broken("ConfigMap/orders-config.data:size",
                        objects -> configMap(objects).getData().put("big", "x".repeat(1024 * 1024))),
                broken("StorageClass/valkey-cache-orders.metadata.namespace:namespace",
                        objects -> storageClass(objects).getMetadata().setNamespace("cache")),
                broken("StorageClass/valkey-cache-orders.provisioner:required",
                        objects -> storageClass(objects).setProvisioner(null)),
                broken("StatefulSet/orders-primary.metadata.annotations.not a key:annotation-key",
                        objects -> primary(objects).getMetadata().setAnnotations(Map.of("not a key", "x"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void theValidatorNamesWhatIsBroken(String expected, Consumer<List<HasMetadata>> breakIt) {
        List<HasMetadata> objects = rendered();
        breakIt.accept(objects);

        assertThat(rules(ManifestValidator.validate(objects))).contains(expected);
    }

    @Test
    void namesTooLongForPodsClaimsAndRevisionLabelsAreCaught() {
        // Bypasses the spec validator on purpose: this is what it exists to prevent.
        String name = "n".repeat(50);
        List<HasMetadata> objects = ValkeyClusterManifests.render("cache", name,
                ResolvedSpec.resolve("cache", name, null), RenderOptions.DEFAULTS);

        assertThat(rules(ManifestValidator.validate(objects))).contains(
                "StatefulSet/" + name + "-replica.metadata.name:revision-label",
                "StatefulSet/" + name + "-replica.spec.volumeClaimTemplates[0].metadata.name:claim-name");
    }

    @Test
    void aPodHostnameOverSixtyThreeCharactersIsCaught() {
        String name = "p".repeat(54);
        List<HasMetadata> objects = ValkeyClusterManifests.render("cache", name,
                ResolvedSpec.resolve("cache", name, null), RenderOptions.DEFAULTS);

        assertThat(rules(ManifestValidator.validate(objects)))
                .contains("StatefulSet/" + name + "-primary.spec.replicas:pod-name");
    }

    /** Mutable copies: the fabric8 builders' maps and lists are mutable, the list from render is not. */
    private static List<HasMetadata> rendered() {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        StorageSpec storage = new StorageSpec();
        storage.setStorageClass(new StorageClassSpec("Premium_ZRS"));
        spec.setStorage(storage);
        List<HasMetadata> objects = new java.util.ArrayList<>(ValkeyClusterManifests.render("cache", "orders",
                ResolvedSpec.resolve("cache", "orders", spec), RenderOptions.DEFAULTS));
        objects.forEach(o -> o.getMetadata().setLabels(new HashMap<>(o.getMetadata().getLabels())));
        configMap(objects).setData(new HashMap<>(configMap(objects).getData()));
        return objects;
    }

    private static Arguments broken(String expected, Consumer<List<HasMetadata>> breakIt) {
        return Arguments.of(expected, breakIt);
    }

    private static StatefulSet primary(List<HasMetadata> objects) {
        return find(objects, StatefulSet.class, "orders-primary");
    }

    private static ConfigMap configMap(List<HasMetadata> objects) {
        return find(objects, ConfigMap.class, "orders-config");
    }

    private static Service service(List<HasMetadata> objects, String name) {
        return find(objects, Service.class, name);
    }

    private static PodDisruptionBudget pdb(List<HasMetadata> objects) {
        return find(objects, PodDisruptionBudget.class, "orders");
    }

    private static StorageClass storageClass(List<HasMetadata> objects) {
        return find(objects, StorageClass.class, "valkey-cache-orders");
    }

    private static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> kind, String name) {
        return objects.stream().filter(kind::isInstance).map(kind::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> rules(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + ":" + v.rule()).toList();
    }
}

package io.statefulsuite.provisioner.manifests;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.statefulsuite.provisioner.crd.ComputeQuantities;
import io.statefulsuite.provisioner.crd.PersistenceSpec;
import io.statefulsuite.provisioner.crd.ResourcesSpec;
import io.statefulsuite.provisioner.crd.StorageClassSpec;
import io.statefulsuite.provisioner.crd.StorageSpec;
import io.statefulsuite.provisioner.crd.TlsSpec;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;
import io.statefulsuite.provisioner.manifests.ManifestValidator;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import io.statefulsuite.provisioner.domain.SpecValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ValkeyClusterManifestsTest {

    private static final String NS = "cache";
    private static final Map<String, String> CLUSTER_PODS =
            Map.of("app.kubernetes.io/name", "valkey", "app.kubernetes.io/instance", "orders");

    // --- the default spec: the objects of Microsoft's reference, under the contract's names ---

    @Test
    void theDefaultSpecRendersTheReferenceObjectsInApplyOrder() {
        List<HasMetadata> objects = renderDefault();

        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactly(
                "ConfigMap/orders-config",
                "Service/orders", "Service/orders-primary", "Service/orders-replica",
                "StatefulSet/orders-primary", "StatefulSet/orders-replica",
                "PodDisruptionBudget/orders");
        assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(NS));
        assertThat(ManifestValidator.validate(objects)).isEmpty();
    }

    @Test
    void everyObjectCarriesTheContractLabels() {
        for (HasMetadata object : renderDefault()) {
            String component = object instanceof StatefulSet ? object.getMetadata().getName().substring("orders-".length())
                    : object.getMetadata().getName().equals("orders-primary") ? "primary"
                    : object.getMetadata().getName().equals("orders-replica") ? "replica" : "cluster";
            assertThat(object.getMetadata().getLabels()).as(object.getKind() + "/" + object.getMetadata().getName())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "app.kubernetes.io/name", "valkey",
                            "app.kubernetes.io/instance", "orders",
                            "app.kubernetes.io/component", component,
                            "app.kubernetes.io/part-of", "stateful-suite",
                            "app.kubernetes.io/managed-by", "valkey-provisioner"));
        }
    }

    @Test
    void primariesAndReplicasAreThreePodsEachSpreadOverTheThreeZonesOfTheValkeyPool() {
        for (String component : List.of("primary", "replica")) {
            StatefulSet sts = statefulSet(renderDefault(), "orders-" + component);
            PodSpec pod = sts.getSpec().getTemplate().getSpec();

            assertThat(sts.getSpec().getReplicas()).isEqualTo(3);
            assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
            assertThat(sts.getSpec().getServiceName()).isEqualTo("orders-" + component);
            assertThat(sts.getSpec().getSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/component", component).containsAllEntriesOf(CLUSTER_PODS);
            assertThat(pod.getNodeSelector()).containsExactlyEntriesOf(Map.of("agentpool", "valkey"));
            var zoneTerm = pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                    .getNodeSelectorTerms().get(0).getMatchExpressions().get(0);
            assertThat(zoneTerm.getKey()).isEqualTo("topology.kubernetes.io/zone");
            assertThat(zoneTerm.getOperator()).isEqualTo("In");
            assertThat(zoneTerm.getValues()).containsExactly("1", "2", "3");
            var spread = pod.getTopologySpreadConstraints().get(0);
            assertThat(spread.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone");
            assertThat(spread.getMaxSkew()).isEqualTo(1);
            assertThat(spread.getWhenUnsatisfiable()).isEqualTo("DoNotSchedule");
            assertThat(spread.getLabelSelector().getMatchLabels()).isEqualTo(sts.getSpec().getSelector().getMatchLabels());
            var hostAntiAffinity = pod.getAffinity().getPodAntiAffinity()
                    .getPreferredDuringSchedulingIgnoredDuringExecution().get(0);
            assertThat(hostAntiAffinity.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(hostAntiAffinity.getPodAffinityTerm().getLabelSelector().getMatchLabels()).isEqualTo(CLUSTER_PODS);
        }
    }

    @Test
    void aRegionTurnsZonesIntoAksZoneLabels() {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        spec.setRegion("westeurope");

        StatefulSet sts = statefulSet(render(spec, RenderOptions.DEFAULTS), "orders-primary");

        assertThat(sts.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0)
                .getMatchExpressions().get(0).getValues())
                .containsExactly("westeurope-1", "westeurope-2", "westeurope-3");
    }

    @Test
    void theContainerServesClientAndGossipPortsFromItsDataVolumeAsNonRoot() {
        StatefulSet sts = statefulSet(renderDefault(), "orders-primary");
        PodSpec pod = sts.getSpec().getTemplate().getSpec();
        Container valkey = pod.getContainers().get(0);

        assertThat(valkey.getImage()).isEqualTo("valkey/valkey:8.1");
        assertThat(valkey.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
                .containsExactly("client:6379", "gossip:16379");
        assertThat(valkey.getCommand()).containsExactly("sh", "/etc/valkey/start.sh");
        assertThat(valkey.getEnv()).as("no password (or anything else) in the environment").isEmpty();
        assertThat(valkey.getReadinessProbe().getExec().getCommand()).containsExactly("sh", "/etc/valkey/ready.sh");
        assertThat(valkey.getLivenessProbe().getExec().getCommand()).containsExactly("sh", "/etc/valkey/live.sh");
        assertThat(valkey.getLifecycle().getPreStop().getExec().getCommand())
                .containsExactly("sh", "/etc/valkey/pre-stop.sh");
        assertThat(pod.getTerminationGracePeriodSeconds())
                .isGreaterThan((long) ContainerScripts.FAILOVER_WAIT_SECONDS + 30);
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(999L);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(999L);
        assertThat(valkey.getVolumeMounts()).extracting(m -> m.getName() + ":" + m.getMountPath())
                .containsExactly("data:/data", "config:/etc/valkey", "auth-secret:/etc/valkey-secret",
                        "auth-runtime:/run/valkey");
        var secret = pod.getVolumes().stream().filter(v -> v.getSecret() != null).findFirst().orElseThrow().getSecret();
        assertThat(secret.getSecretName()).isEqualTo("orders-auth");
        assertThat(secret.getItems()).extracting(i -> i.getKey() + "->" + i.getPath()).containsExactly("password->password");
        var runtime = pod.getVolumes().stream().filter(v -> v.getEmptyDir() != null).findFirst().orElseThrow();
        assertThat(runtime.getEmptyDir().getMedium()).isEqualTo("Memory");
    }

    @Test
    void eachPodGetsA20GiPremiumClaimThatOutlivesTheClusterUnlessAskedOtherwise() {
        StatefulSet kept = statefulSet(renderDefault(), "orders-primary");
        var claim = kept.getSpec().getVolumeClaimTemplates().get(0);

        assertThat(claim.getMetadata().getName()).isEqualTo("data");
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("managed-csi-premium");
        assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("20Gi"));
        assertThat(kept.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");

        StatefulSet deleted = statefulSet(render(null, new RenderOptions(true)), "orders-primary");
        assertThat(deleted.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Delete");
    }

    @Test
    void servicesAreHeadlessPublishNotReadyPodsAndSelectTheirPods() {
        List<Service> services = ofKind(renderDefault(), Service.class);

        assertThat(services).allSatisfy(s -> {
            assertThat(s.getSpec().getClusterIP()).isEqualTo("None");
            assertThat(s.getSpec().getPublishNotReadyAddresses()).isTrue();
            assertThat(s.getSpec().getPorts()).extracting(p -> p.getName() + ":" + p.getPort())
                    .containsExactly("client:6379", "gossip:16379");
        });
        assertThat(services.get(0).getSpec().getSelector()).isEqualTo(CLUSTER_PODS);
        assertThat(services.get(1).getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "primary");
        assertThat(services.get(2).getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "replica");
    }

    @Test
    void thePdbLetsOnePodOfTheClusterGoAtATime() {
        PodDisruptionBudget pdb = ofKind(renderDefault(), PodDisruptionBudget.class).get(0);

        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(CLUSTER_PODS);
    }

    @Test
    void noReplicasMeansNoReplicaStatefulSet() {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        spec.setReplicasPerShard(0);

        assertThat(render(spec, RenderOptions.DEFAULTS)).extracting(o -> o.getMetadata().getName())
                .doesNotContain("orders-replica-0").containsOnlyOnce("orders-replica");
        assertThat(ofKind(render(spec, RenderOptions.DEFAULTS), StatefulSet.class)).hasSize(1);
    }

    @Test
    void anInlineStorageClassIsRenderedFirstAndUsedByTheClaims() {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        StorageSpec storage = new StorageSpec("256Gi");
        storage.setStorageClass(new StorageClassSpec("PremiumV2_LRS"));
        spec.setStorage(storage);

        List<HasMetadata> objects = render(spec, RenderOptions.DEFAULTS);

        StorageClass storageClass = (StorageClass) objects.get(0);
        assertThat(storageClass.getMetadata().getName()).isEqualTo("valkey-cache-orders");
        assertThat(storageClass.getMetadata().getNamespace()).isNull();
        assertThat(storageClass.getProvisioner()).isEqualTo("disk.csi.azure.com");
        assertThat(storageClass.getParameters()).containsEntry("skuName", "PremiumV2_LRS").containsEntry("cachingMode", "None");
        assertThat(storageClass.getReclaimPolicy()).isEqualTo("Delete");
        assertThat(storageClass.getAllowVolumeExpansion()).isTrue();
        assertThat(storageClass.getVolumeBindingMode()).isEqualTo("WaitForFirstConsumer");
        assertThat(statefulSet(objects, "orders-replica").getSpec().getVolumeClaimTemplates().get(0).getSpec()
                .getStorageClassName()).isEqualTo("valkey-cache-orders");
    }

    @Test
    void resourcesAreRenderedOnlyWhenGiven() {
        assertThat(statefulSet(renderDefault(), "orders-primary").getSpec().getTemplate().getSpec().getContainers()
                .get(0).getResources()).isNull();

        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        ResourcesSpec resources = new ResourcesSpec();
        resources.setRequests(new ComputeQuantities("500m", "2Gi"));
        resources.setLimits(new ComputeQuantities(null, "4Gi"));
        spec.setResources(resources);
        var rendered = statefulSet(render(spec, RenderOptions.DEFAULTS), "orders-primary").getSpec().getTemplate()
                .getSpec().getContainers().get(0).getResources();

        assertThat(rendered.getRequests()).containsEntry("cpu", new Quantity("500m")).containsEntry("memory", new Quantity("2Gi"));
        assertThat(rendered.getLimits()).containsOnlyKeys("memory");
    }

    @Test
    void aConfigChangeChangesThePodTemplateSoThePodsRoll() {
        ValkeyClusterSpec changed = new ValkeyClusterSpec();
        changed.setPersistence(new PersistenceSpec(true, "always", null));

        String before = checksum(renderDefault());
        assertThat(checksum(renderDefault())).as("same spec, same checksum").isEqualTo(before);
        assertThat(checksum(render(changed, RenderOptions.DEFAULTS))).isNotEqualTo(before);
    }

    @Test
    void renderingIsDeterministic() {
        assertThat(renderDefault()).isEqualTo(renderDefault());
    }

    @Test
    void theConfigMapHoldsValkeyConfAndTheScriptsButNoSecret() {
        ConfigMap configMap = ofKind(renderDefault(), ConfigMap.class).get(0);

        assertThat(configMap.getData()).containsOnlyKeys("valkey.conf", "lib.sh", "start.sh", "ready.sh", "live.sh",
                "pre-stop.sh");
        assertThat(configMap.getData().get("valkey.conf")).contains("include /run/valkey/auth.conf")
                .doesNotContain("requirepass");
    }

    @Test
    void withTlsBothStatefulSetsMountTheCertificateSecretReadOnlyAndTheScriptsSpeakTls() {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        spec.setTls(new TlsSpec("orders-tls"));

        List<HasMetadata> objects = render(spec, RenderOptions.DEFAULTS);

        assertThat(ManifestValidator.validate(objects)).isEmpty();
        assertThat(ofKind(objects, StatefulSet.class)).hasSize(2).allSatisfy(sts -> {
            PodSpec pod = sts.getSpec().getTemplate().getSpec();
            assertThat(pod.getContainers().get(0).getVolumeMounts())
                    .filteredOn(m -> m.getMountPath().equals("/etc/valkey/tls"))
                    .singleElement().satisfies(m -> {
                        assertThat(m.getName()).isEqualTo("tls");
                        assertThat(m.getReadOnly()).isTrue();
                    });
            var secret = pod.getVolumes().stream().filter(v -> v.getName().equals("tls")).findFirst().orElseThrow()
                    .getSecret();
            assertThat(secret.getSecretName()).isEqualTo("orders-tls");
            assertThat(secret.getItems()).extracting(i -> i.getKey() + "->" + i.getPath())
                    .containsExactly("tls.crt->tls.crt", "tls.key->tls.key", "ca.crt->ca.crt");
            assertThat(pod.getContainers().get(0).getPorts()).extracting(p -> p.getContainerPort())
                    .containsExactly(6379, 16379);
        });
        Map<String, String> data = ofKind(objects, ConfigMap.class).get(0).getData();
        assertThat(data.get("lib.sh"))
                .contains("VALKEY_TLS_CA_FILE=\"${VALKEY_TLS_CA_FILE:-/etc/valkey/tls/ca.crt}\"")
                .contains("valkey-cli --tls --cacert \"$VALKEY_TLS_CA_FILE\" \"$@\"")
                .contains("redis-cli --tls --cacert \"$VALKEY_TLS_CA_FILE\" \"$@\"");
        assertThat(data.get("valkey.conf")).contains("tls-port 6379");
    }

    @Test
    void withoutTlsNothingOfItIsRendered() {
        List<HasMetadata> objects = renderDefault();

        assertThat(ofKind(objects, StatefulSet.class)).allSatisfy(sts -> assertThat(sts.getSpec().getTemplate()
                .getSpec().getVolumes()).extracting(v -> v.getName()).doesNotContain("tls"));
        assertThat(ofKind(objects, ConfigMap.class).get(0).getData().values()).noneMatch(file -> file.contains("tls"));
    }

    @Test
    void theLargestClusterUnderTheLongestNameRendersValidObjects() {
        String longest = "v".repeat(SpecValidator.MAX_NAME_LENGTH);
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        spec.setShards(SpecValidator.MAX_SHARDS);
        spec.setReplicasPerShard(SpecValidator.MAX_REPLICAS_PER_SHARD);
        assertThat(SpecValidator.validate(NS, longest, spec)).isEmpty();

        List<HasMetadata> objects = ValkeyClusterManifests.render(NS, longest, ResolvedSpec.resolve(NS, longest, spec),
                RenderOptions.DEFAULTS);

        assertThat(ManifestValidator.validate(objects)).isEmpty();
    }

    // --- the table: every combination renders objects the validator accepts ---

    static Stream<Arguments> combinations() {
        List<Arguments> rows = new ArrayList<>();
        String longest = "v" + "x".repeat(SpecValidator.MAX_NAME_LENGTH - 1);
        for (int shards : new int[]{3, 4, 7, 20}) {
            for (int replicas : new int[]{0, 1, 2, 5}) {
                for (List<String> zones : List.of(List.of("1"), List.of("1", "2"), List.of("1", "2", "3"))) {
                    if (replicas > 0 && (zones.size() == 1 || zones.size() == 2 && shards % 2 == 1)) {
                        continue; // a replica would have to share its primary's zone: refused (SpecValidatorTest)
                    }
                    for (boolean aof : new boolean[]{true, false}) {
                        for (List<String> rdb : List.of(List.<String>of(), List.of("900 1", "300 10", "60 10000"))) {
                            for (boolean inlineClass : new boolean[]{false, true}) {
                                for (String name : List.of("orders", longest)) {
                                    rows.add(Arguments.of(name, shards, replicas, zones, aof, rdb, inlineClass));
                                }
                            }
                        }
                    }
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} shards={1} replicas={2} zones={3} aof={4} rdb={5} inline={6}")
    @MethodSource("combinations")
    void everyCombinationRendersValidObjects(String name, int shards, int replicas, List<String> zones, boolean aof,
                                             List<String> rdb, boolean inlineClass) {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        spec.setShards(shards);
        spec.setReplicasPerShard(replicas);
        spec.setZones(zones);
        spec.setRegion(zones.size() == 3 ? "westeurope" : null);
        spec.setPersistence(new PersistenceSpec(aof, aof ? "always" : "no", rdb));
        if (inlineClass) {
            StorageSpec storage = new StorageSpec("100Gi");
            storage.setStorageClass(new StorageClassSpec("Premium_ZRS"));
            spec.setStorage(storage);
        }
        assertThat(SpecValidator.validate(NS, name, spec)).isEmpty();

        List<HasMetadata> objects = ValkeyClusterManifests.render(NS, name, ResolvedSpec.resolve(NS, name, spec),
                RenderOptions.DEFAULTS);

        assertThat(ManifestValidator.validate(objects)).isEmpty();
        assertThat(ofKind(objects, StatefulSet.class)).extracting(s -> s.getSpec().getReplicas())
                .containsExactlyElementsOf(replicas == 0 ? List.of(shards) : List.of(shards, shards * replicas));
        assertThat(ofKind(objects, StorageClass.class)).hasSize(inlineClass ? 1 : 0);
        String conf = ofKind(objects, ConfigMap.class).get(0).getData().get("valkey.conf");
        assertThat(conf).contains("appendonly " + (aof ? "yes" : "no"))
                .contains(rdb.isEmpty() ? "save \"\"" : "save " + String.join(" ", rdb));
    }

    private static List<HasMetadata> renderDefault() {
        return render(null, RenderOptions.DEFAULTS);
    }

    private static List<HasMetadata> render(ValkeyClusterSpec spec, RenderOptions options) {
        return ValkeyClusterManifests.render(NS, "orders", ResolvedSpec.resolve(NS, "orders", spec), options);
    }

    private static StatefulSet statefulSet(List<HasMetadata> objects, String name) {
        return ofKind(objects, StatefulSet.class).stream().filter(s -> s.getMetadata().getName().equals(name))
                .findFirst().orElseThrow();
    }

    private static String checksum(List<HasMetadata> objects) {
        return statefulSet(objects, "orders-primary").getSpec().getTemplate().getMetadata().getAnnotations()
                .get(StatefulSetManifest.CONFIG_CHECKSUM_ANNOTATION);
    }

    static <T> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}

package io.statefulsuite.provisioner.domain;

import io.statefulsuite.provisioner.crd.AuthSpec;
import io.statefulsuite.provisioner.crd.KeyVaultPasswordSpec;
import io.statefulsuite.provisioner.crd.ComputeQuantities;
import io.statefulsuite.provisioner.crd.PersistenceSpec;
import io.statefulsuite.provisioner.crd.ResourcesSpec;
import io.statefulsuite.provisioner.crd.StorageClassSpec;
import io.statefulsuite.provisioner.crd.StorageSpec;
import io.statefulsuite.provisioner.crd.TlsSpec;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

class SpecValidatorTest {

    private static final String LONGEST_NAME = "a".repeat(SpecValidator.MAX_NAME_LENGTH);

    @Test
    void theDefaultSpecIsValid() {
        assertThat(SpecValidator.validate("cache", "orders", null)).isEmpty();
        assertThat(SpecValidator.validate("cache", "orders", new ValkeyClusterSpec())).isEmpty();
    }

    @Test
    void aFullyGivenSpecIsValid() {
        assertThat(SpecValidator.validate("cache", "orders", fullSpec())).isEmpty();
    }

    @Test
    void theLongestAllowedNameIsValidEvenWithTheMostReplicas() {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        spec.setShards(SpecValidator.MAX_SHARDS);
        spec.setReplicasPerShard(SpecValidator.MAX_REPLICAS_PER_SHARD);
        assertThat(SpecValidator.validate("cache", LONGEST_NAME, spec)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Orders", "1orders", "orders-", "or_ders", "or.ders"})
    void badNamesAreRefused(String name) {
        assertThat(rules(SpecValidator.validate("cache", name, null))).containsExactly("metadata.name:dns-1035-label");
    }

    @Test
    void aNameOneCharacterTooLongIsRefused() {
        assertThat(rules(SpecValidator.validate("cache", LONGEST_NAME + "a", null)))
                .containsExactly("metadata.name:dns-1035-label");
    }

    @Test
    void aBadNamespaceIsRefused() {
        assertThat(rules(SpecValidator.validate("Cache", "orders", null)))
                .containsExactly("metadata.namespace:dns-1123-label");
    }

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                bad("spec.shards", "min", s -> s.setShards(2)),
                bad("spec.shards", "max", s -> s.setShards(1001)),
                bad("spec.replicasPerShard", "range", s -> s.setReplicasPerShard(-1)),
                bad("spec.replicasPerShard", "range", s -> s.setReplicasPerShard(6)),
                bad("spec.zones", "min-items", s -> s.setZones(List.of())),
                bad("spec.zones[3]", "unique", s -> s.setZones(List.of("1", "2", "3", "1"))),
                bad("spec.zones[0]", "label-value", s -> s.setZones(List.of("zone 1"))),
                bad("spec.zones[0]", "label-value", s -> s.setZones(Arrays.asList(""))),
                bad("spec.zones[0]", "label-value", s -> s.setZones(List.of("x".repeat(64)))),
                bad("spec.zones", "min-zones", s -> s.setZones(List.of("1"))),
                bad("spec.zones", "zone-separation", s -> {
                    s.setShards(5);
                    s.setReplicasPerShard(2);
                    s.setZones(List.of("1", "2"));
                }),
                bad("spec.nodeSelector.topology.kubernetes.io/zone", "managed",
                        s -> s.setNodeSelector(Map.of("topology.kubernetes.io/zone", "westeurope-1"))),
                bad("spec.nodeSelector.failure-domain.beta.kubernetes.io/zone", "managed",
                        s -> s.setNodeSelector(Map.of("failure-domain.beta.kubernetes.io/zone", "1"))),
                bad("spec.nodeSelector.kubernetes.io/hostname", "managed",
                        s -> s.setNodeSelector(Map.of("kubernetes.io/hostname", "aks-valkey-0"))),
                bad("spec.region", "format", s -> s.setRegion("West Europe")),
                bad("spec.nodeSelector.bad key", "label-key", s -> s.setNodeSelector(Map.of("bad key", "valkey"))),
                bad("spec.nodeSelector.agentpool", "label-value", s -> s.setNodeSelector(Map.of("agentpool", "a b"))),
                bad("spec.image", "image-reference", s -> s.setImage("Valkey Server")),
                bad("spec.image", "image-reference", s -> s.setImage("valkey/valkey:8.1:latest")),
                bad("spec.resources.requests.cpu", "quantity", s -> s.setResources(resources("1 core", null, null))),
                bad("spec.resources.limits.memory", "quantity", s -> s.setResources(resources(null, null, "4GB"))),
                bad("spec.resources.requests.memory", "positive", s -> s.setResources(resources(null, "0", null))),
                bad("spec.resources.requests.memory", "request-exceeds-limit",
                        s -> s.setResources(resources(null, "8Gi", "4Gi"))),
                bad("spec.storage.size", "quantity", s -> s.setStorage(new StorageSpec("20 GB"))),
                bad("spec.storage.size", "positive", s -> s.setStorage(new StorageSpec("0Gi"))),
                bad("spec.storage.storageClassName", "dns-1123-subdomain", s -> s.setStorage(storageClassNamed("Premium"))),
                bad("spec.storage.storageClass.skuName", "unknown-sku", s -> s.setStorage(inline("UltraSSD_LRS"))),
                bad("spec.storage.storageClass.skuName", "unknown-sku", s -> s.setStorage(inline(null))),
                bad("spec.storage.storageClassName", "conflict", s -> {
                    StorageSpec storage = inline("Premium_ZRS");
                    storage.getStorageClass().setName("zrs");
                    storage.setStorageClassName("other");
                    s.setStorage(storage);
                }),
                bad("spec.storage.storageClass.reclaimPolicy", "enum", s -> {
                    StorageSpec storage = inline("Premium_ZRS");
                    storage.getStorageClass().setReclaimPolicy("Recycle");
                    s.setStorage(storage);
                }),
                bad("spec.persistence.appendfsync", "enum", s -> s.setPersistence(new PersistenceSpec(true, "sometimes", null))),
                bad("spec.persistence.rdbSave[1]", "rdb-save-rule",
                        s -> s.setPersistence(new PersistenceSpec(true, null, List.of("900 1", "300")))),
                bad("spec.persistence.rdbSave[0]", "rdb-save-rule",
                        s -> s.setPersistence(new PersistenceSpec(true, null, List.of("0 1")))),
                bad("spec.auth.secretName", "dns-1123-subdomain", s -> s.setAuth(new AuthSpec("Orders_Auth", null))),
                bad("spec.auth.passwordKey", "secret-key", s -> s.setAuth(new AuthSpec(null, "pass word"))),
                bad("spec.auth.keyVault.vaultUrl", "https-url", s -> s.setAuth(keyVault("http://vault.example.net", null))),
                bad("spec.auth.keyVault.vaultUrl", "https-url", s -> s.setAuth(keyVault("https://user@vault", null))),
                bad("spec.auth.keyVault.secretName", "vault-object-name", s -> s.setAuth(keyVault(null, "pass_word"))),
                bad("spec.tls.secretName", "required", s -> s.setTls(new TlsSpec())),
                bad("spec.tls.secretName", "dns-1123-subdomain", s -> s.setTls(new TlsSpec("Orders_TLS"))),
                bad("spec.tls.secretName", "dns-1123-subdomain", s -> s.setTls(new TlsSpec("a".repeat(254)))),
                bad("spec.maxmemory", "memory", s -> s.setMaxmemory("2 gigabytes")),
                bad("spec.maxmemory", "exceeds-limit", s -> {
                    s.setMaxmemory("4gb");
                    s.setResources(resources(null, null, "4Gi"));
                }),
                bad("spec.maxmemoryPolicy", "enum", s -> s.setMaxmemoryPolicy("lru")),
                bad("spec.config.port", "managed", s -> s.setConfig(Map.of("port", "6380"))),
                bad("spec.config.cluster-node-timeout", "managed", s -> s.setConfig(Map.of("cluster-node-timeout", "5000"))),
                bad("spec.config.requirepass", "managed", s -> s.setConfig(Map.of("requirepass", "secret"))),
                bad("spec.config.include", "managed", s -> s.setConfig(Map.of("include", "/tmp/x.conf"))),
                bad("spec.config.protected-mode", "managed", s -> s.setConfig(Map.of("protected-mode", "no"))),
                bad("spec.config.appendonly", "managed", s -> s.setConfig(Map.of("appendonly", "no"))),
                bad("spec.config.debug-sleep", "not-allowed", s -> s.setConfig(Map.of("debug-sleep", "1"))),
                bad("spec.config.timeout", "value", s -> s.setConfig(Map.of("timeout", "0\nrequirepass x"))),
                bad("spec.config.notify-keyspace-events", "value", s -> s.setConfig(Map.of("notify-keyspace-events", "\"\""))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badSpecs")
    void eachBrokenRuleNamesItsField(String field, String rule, Consumer<ValkeyClusterSpec> breakIt) {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        breakIt.accept(spec);

        List<Violation> violations = SpecValidator.validate("cache", "orders", spec);

        assertThat(rules(violations)).containsExactly(field + ":" + rule);
        assertThat(violations.get(0).message()).isNotBlank();
    }

    @Test
    void allViolationsAreReportedAtOnce() {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        spec.setShards(1);
        spec.setStorage(new StorageSpec("-5Gi"));
        spec.setConfig(Map.of("dir", "/tmp"));

        assertThat(rules(SpecValidator.validate("cache", "orders", spec)))
                .containsExactlyInAnyOrder("spec.shards:min", "spec.storage.size:positive", "spec.config.dir:managed");
    }

    @ParameterizedTest(name = "{0} shards x {1} replicas over {2} zones")
    @CsvSource({"3, 1, 3", "3, 5, 3", "4, 1, 2", "4, 2, 2", "20, 5, 2", "7, 2, 3", "5, 1, 4", "3, 1, 5", "3, 0, 1",
            "7, 0, 2"})
    void specsWhoseReplicasAlwaysFindAnotherZoneAreValid(int shards, int replicasPerShard, int zones) {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        spec.setShards(shards);
        spec.setReplicasPerShard(replicasPerShard);
        spec.setZones(IntStream.rangeClosed(1, zones).mapToObj(String::valueOf).toList());

        assertThat(SpecValidator.validate("cache", "orders", spec)).isEmpty();
    }

    @Test
    void aSingleZoneForReplicasIsRefusedSayingWhatToChange() {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        spec.setReplicasPerShard(2);
        spec.setZones(List.of("1"));

        assertThat(SpecValidator.validate("x", "bad", spec)).containsExactly(new Violation("spec.zones", "min-zones",
                "replicasPerShard 2 needs at least 2 zones: a replica never runs in its primary's zone (list more "
                        + "zones, or set replicasPerShard to 0)"));
    }

    @Test
    void twoZonesWithAnOddShardCountAreRefusedWithTheNumbers() {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        spec.setZones(List.of("1", "2"));

        assertThat(SpecValidator.validate("x", "odd", spec)).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo("zone-separation");
            assertThat(violation.message()).contains("3 shards over 2 zones can put 2 primaries and 2 replicas into "
                    + "one zone", "their 2 replicas must run in the other zones, which get only 1",
                    "a multiple of 2 shards");
        });
    }

    @Test
    void zonesAreCountedForReplicasOnlyOnceTheListAndTheCountsAreValid() {
        ValkeyClusterSpec duplicate = new ValkeyClusterSpec();
        duplicate.setZones(List.of("1", "1"));
        ValkeyClusterSpec tooFewShards = new ValkeyClusterSpec();
        tooFewShards.setShards(1);
        tooFewShards.setZones(List.of("1", "2"));

        assertThat(rules(SpecValidator.validate("cache", "orders", duplicate))).containsExactly("spec.zones[1]:unique");
        assertThat(rules(SpecValidator.validate("cache", "orders", tooFewShards))).containsExactly("spec.shards:min");
    }

    @Test
    void anUpdateThatBreaksZoneSeparationIsRefusedLikeANewSpec() {
        ValkeyClusterSpec before = new ValkeyClusterSpec();
        before.setShards(4);
        before.setZones(List.of("1", "2"));
        ValkeyClusterSpec oneShardMore = new ValkeyClusterSpec();
        oneShardMore.setShards(5);
        oneShardMore.setZones(List.of("1", "2"));

        assertThat(rules(SpecValidator.validateUpdate("cache", "orders", before, oneShardMore)))
                .containsExactly("spec.zones:zone-separation");
    }

    @Test
    void memorySizesAreReadTheWayValkeyReadsThem() {
        assertAll(
                () -> assertThat(ValkeyDirectives.memoryBytes("1gb")).contains(java.math.BigInteger.valueOf(1L << 30)),
                () -> assertThat(ValkeyDirectives.memoryBytes("1g")).contains(java.math.BigInteger.valueOf(1_000_000_000L)),
                () -> assertThat(ValkeyDirectives.memoryBytes("1m")).contains(java.math.BigInteger.valueOf(1_000_000L)),
                () -> assertThat(ValkeyDirectives.memoryBytes("2Gi")).contains(java.math.BigInteger.valueOf(2L << 30)),
                () -> assertThat(ValkeyDirectives.memoryBytes("lots")).isEmpty(),
                () -> assertThat(ValkeyDirectives.confMemory("2Gi")).isEqualTo("2147483648"),
                () -> assertThat(ValkeyDirectives.confMemory("512mb")).isEqualTo("512mb"));
    }

    // --- updates ---

    @Test
    void growingAndAddingIsAllowed() {
        ValkeyClusterSpec before = fullSpec();
        ValkeyClusterSpec after = fullSpec();
        after.setShards(after.getShards() + 1);
        after.getStorage().setSize("128Gi");
        after.setZones(List.of("1", "2", "3", "4"));
        after.getStorage().getStorageClass().setAllowVolumeExpansion(false);

        assertThat(SpecValidator.validateUpdate("cache", "orders", before, after)).isEmpty();
    }

    @Test
    void removingShardsIsRefusedSayingWhy() {
        ValkeyClusterSpec before = fullSpec();
        ValkeyClusterSpec after = fullSpec();
        after.setShards(before.getShards() - 1);

        assertThat(SpecValidator.validateUpdate("cache", "orders", before, after))
                .containsExactly(new Violation("spec.shards", "immutable-decrease", "shards cannot be decreased (from "
                        + before.getShards() + " to " + after.getShards() + "): removing a shard would drop its hash slots"));
    }

    @Test
    void anUnchangedSpecIsAValidUpdate() {
        assertThat(SpecValidator.validateUpdate("cache", "orders", null, new ValkeyClusterSpec())).isEmpty();
    }

    static Stream<Arguments> badUpdates() {
        return Stream.of(
                bad("spec.storage.size", "immutable-decrease", s -> s.getStorage().setSize("32Gi")),
                bad("spec.shards", "immutable-decrease", s -> s.setShards(3)),
                bad("spec.storage.storageClassName", "immutable", s -> {
                    s.getStorage().setStorageClass(null);
                    s.getStorage().setStorageClassName("managed-csi");
                }),
                bad("spec.storage.storageClass.skuName", "immutable",
                        s -> s.getStorage().getStorageClass().setSkuName("Premium_LRS")),
                bad("spec.storage.storageClass.volumeBindingMode", "immutable",
                        s -> s.getStorage().getStorageClass().setVolumeBindingMode("Immediate")),
                bad("spec.zones", "immutable-remove", s -> s.setZones(List.of("1", "3"))),
                bad("spec.region", "immutable", s -> s.setRegion("northeurope")),
                bad("spec.tls", "immutable", s -> s.setTls(null)),
                bad("spec.tls", "immutable", s -> s.setTls(new TlsSpec("orders-tls-2"))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badUpdates")
    void changesKubernetesCannotMakeAreRefused(String field, String rule, Consumer<ValkeyClusterSpec> change) {
        ValkeyClusterSpec after = fullSpec();
        change.accept(after);

        assertThat(rules(SpecValidator.validateUpdate("cache", "orders", fullSpec(), after)))
                .containsExactly(field + ":" + rule);
    }

    @Test
    void tlsCannotBeTurnedOnAfterCreationSayingWhy() {
        ValkeyClusterSpec after = new ValkeyClusterSpec();
        after.setTls(new TlsSpec("orders-tls"));

        List<Violation> violations = SpecValidator.validateUpdate("cache", "orders", new ValkeyClusterSpec(), after);

        assertThat(rules(violations)).containsExactly("spec.tls:immutable");
        assertThat(violations.get(0).message()).contains("is off", "cannot talk to each other");
    }

    @Test
    void anUpdateToAnInvalidSpecReportsTheSpecsViolations() {
        ValkeyClusterSpec after = fullSpec();
        after.setShards(2);

        assertThat(rules(SpecValidator.validateUpdate("cache", "orders", fullSpec(), after)))
                .containsExactly("spec.shards:min");
    }

    @Test
    void aStorageClassOfItsOwnIsValidatedWithItsOwnFieldNames() {
        StorageClassSpec storageClass = new StorageClassSpec("UltraSSD_LRS");
        storageClass.setName("fast");

        assertThat(rules(SpecValidator.validateStorageClass("", storageClass))).containsExactly("skuName:unknown-sku");
        assertThat(rules(SpecValidator.validateStorageClass("", new StorageClassSpec("Premium_LRS"))))
                .containsExactly("name:required");
    }

    @Test
    void onlyExpansionOfAStorageClassMayChange() {
        StorageClassSpec before = ResolvedSpec.resolveStorageClass("fast", new StorageClassSpec("Premium_ZRS"));
        StorageClassSpec expansionOff = ResolvedSpec.resolveStorageClass("fast", new StorageClassSpec("Premium_ZRS"));
        expansionOff.setAllowVolumeExpansion(false);
        StorageClassSpec retained = ResolvedSpec.resolveStorageClass("fast", new StorageClassSpec("Premium_ZRS"));
        retained.setReclaimPolicy("Retain");

        assertThat(SpecValidator.validateStorageClassUpdate("", before, expansionOff)).isEmpty();
        assertThat(rules(SpecValidator.validateStorageClassUpdate("", before, retained)))
                .containsExactly("reclaimPolicy:immutable");
    }

    private static ValkeyClusterSpec fullSpec() {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        spec.setShards(4);
        spec.setReplicasPerShard(2);
        spec.setZones(List.of("1", "2", "3"));
        spec.setRegion("westeurope");
        spec.setNodeSelector(Map.of("agentpool", "valkey", "kubernetes.azure.com/mode", "user"));
        spec.setImage("myregistry.azurecr.io:5000/mirror/valkey/valkey:8.1.1@sha256:" + "a".repeat(64));
        spec.setResources(resources("500m", "2Gi", "4Gi"));
        spec.setStorage(inline("PremiumV2_LRS"));
        spec.getStorage().setSize("64Gi");
        spec.setPersistence(new PersistenceSpec(true, "always", List.of("900 1", "300 10")));
        spec.setAuth(new AuthSpec("valkey-password", "valkey.password"));
        spec.setTls(new TlsSpec("orders-tls.v1"));
        spec.setMaxmemory("3gb");
        spec.setMaxmemoryPolicy("allkeys-lru");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("timeout", "300");
        config.put("client-output-buffer-limit", "pubsub 32mb 8mb 60");
        config.put("notify-keyspace-events", "Ex");
        spec.setConfig(config);
        return spec;
    }

    private static AuthSpec keyVault(String vaultUrl, String secretName) {
        AuthSpec auth = new AuthSpec();
        auth.setKeyVault(new KeyVaultPasswordSpec(vaultUrl, secretName, null));
        return auth;
    }

    private static ResourcesSpec resources(String cpuRequest, String memoryRequest, String memoryLimit) {
        ResourcesSpec resources = new ResourcesSpec();
        resources.setRequests(new ComputeQuantities(cpuRequest, memoryRequest));
        resources.setLimits(new ComputeQuantities(null, memoryLimit));
        return resources;
    }

    private static StorageSpec inline(String sku) {
        StorageSpec storage = new StorageSpec();
        storage.setStorageClass(new StorageClassSpec(sku));
        return storage;
    }

    private static StorageSpec storageClassNamed(String name) {
        StorageSpec storage = new StorageSpec();
        storage.setStorageClassName(name);
        return storage;
    }

    private static Arguments bad(String field, String rule, Consumer<ValkeyClusterSpec> breakIt) {
        return Arguments.of(field, rule, breakIt);
    }

    static List<String> rules(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + ":" + v.rule()).toList();
    }
}

package io.statefulsuite.provisioner.domain;

import io.statefulsuite.provisioner.crd.AuthSpec;
import io.statefulsuite.provisioner.crd.ComputeQuantities;
import io.statefulsuite.provisioner.crd.ResourcesSpec;
import io.statefulsuite.provisioner.crd.StorageClassSpec;
import io.statefulsuite.provisioner.crd.StorageSpec;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResolvedSpecTest {

    @Test
    void thePodNamesAreThoseOfBothStatefulSetsByOrdinal() {
        ValkeyClusterSpec given = new ValkeyClusterSpec();
        given.setReplicasPerShard(2);

        assertThat(ResolvedSpec.resolve("cache", "orders", given).podNames("orders")).containsExactly(
                "orders-primary-0", "orders-primary-1", "orders-primary-2", "orders-replica-0", "orders-replica-1",
                "orders-replica-2", "orders-replica-3", "orders-replica-4", "orders-replica-5");
    }

    @Test
    void anEmptySpecGetsTheReferenceDefaults() {
        ResolvedSpec spec = ResolvedSpec.resolve("cache", "orders", null);

        assertThat(spec.shards()).isEqualTo(3);
        assertThat(spec.replicasPerShard()).isEqualTo(1);
        assertThat(spec.replicaCount()).isEqualTo(3);
        assertThat(spec.zones()).containsExactly("1", "2", "3");
        assertThat(spec.zoneLabels()).containsExactly("1", "2", "3");
        assertThat(spec.nodeSelector()).containsExactlyEntriesOf(Map.of("agentpool", "valkey"));
        assertThat(spec.image()).isEqualTo("valkey/valkey:8.1");
        assertThat(spec.storageSize()).isEqualTo("20Gi");
        assertThat(spec.storageClassName()).isEqualTo("managed-csi-premium");
        assertThat(spec.storageClassToCreate()).isEmpty();
        assertThat(spec.aof()).isTrue();
        assertThat(spec.appendfsync()).isEqualTo("everysec");
        assertThat(spec.rdbSave()).isEmpty();
        assertThat(spec.authSecretName()).isEqualTo("orders-auth");
        assertThat(spec.passwordKey()).isEqualTo("password");
        assertThat(spec.maxmemory()).isNull();
        assertThat(spec.requests()).isEmpty();
        assertThat(spec.config()).isEmpty();
    }

    @Test
    void aRegionPrefixesTheZoneLabelsTheWayAksLabelsNodes() {
        ValkeyClusterSpec given = new ValkeyClusterSpec();
        given.setRegion("westeurope");
        given.setZones(List.of("1", "3"));

        assertThat(ResolvedSpec.resolve("cache", "orders", given).zoneLabels())
                .containsExactly("westeurope-1", "westeurope-3");
    }

    @Test
    void givenValuesWinOverDefaults() {
        ValkeyClusterSpec given = new ValkeyClusterSpec();
        given.setShards(6);
        given.setReplicasPerShard(2);
        given.setAuth(new AuthSpec("shared-auth", "pw"));
        ResourcesSpec resources = new ResourcesSpec();
        resources.setLimits(new ComputeQuantities(null, "4Gi"));
        given.setResources(resources);

        ResolvedSpec spec = ResolvedSpec.resolve("cache", "orders", given);

        assertThat(spec.replicaCount()).isEqualTo(12);
        assertThat(spec.authSecretName()).isEqualTo("shared-auth");
        assertThat(spec.passwordKey()).isEqualTo("pw");
        assertThat(spec.limits()).containsExactlyEntriesOf(Map.of("memory", "4Gi"));
        assertThat(spec.requests()).isEmpty();
    }

    @Test
    void anInlineStorageClassGetsItsDefaultsAndBecomesTheClaimsClass() {
        ValkeyClusterSpec given = new ValkeyClusterSpec();
        StorageSpec storage = new StorageSpec("64Gi");
        storage.setStorageClass(new StorageClassSpec("Premium_ZRS"));
        given.setStorage(storage);

        ResolvedSpec spec = ResolvedSpec.resolve("cache", "orders", given);

        assertThat(spec.storageClassName()).isEqualTo("valkey-cache-orders");
        StorageClassSpec created = spec.storageClassToCreate().orElseThrow();
        assertThat(created.getName()).isEqualTo("valkey-cache-orders");
        assertThat(created.getSkuName()).isEqualTo("Premium_ZRS");
        assertThat(created.getReclaimPolicy()).isEqualTo("Delete");
        assertThat(created.getAllowVolumeExpansion()).isTrue();
        assertThat(created.getVolumeBindingMode()).isEqualTo("WaitForFirstConsumer");
        assertThat(given.getStorage().getStorageClass().getName()).as("the given spec is not changed").isNull();
    }
}

package io.statefulsuite.provisioner.manifests;

import io.statefulsuite.provisioner.domain.ResolvedSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.statefulsuite.provisioner.crd.PersistenceSpec;
import io.statefulsuite.provisioner.crd.StorageSpec;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;
import io.statefulsuite.provisioner.manifests.RenderOptions;
import io.statefulsuite.provisioner.manifests.ValkeyClusterManifests;
import org.junit.jupiter.api.Test;

import static io.statefulsuite.provisioner.manifests.StatefulSetUpdate.Kind.IN_PLACE;
import static io.statefulsuite.provisioner.manifests.StatefulSetUpdate.Kind.RECREATE_ORPHANING_PODS;
import static org.assertj.core.api.Assertions.assertThat;

class StatefulSetUpdateTest {

    @Test
    void configReplicaAndRetentionChangesApplyInPlace() {
        ValkeyClusterSpec changed = new ValkeyClusterSpec();
        changed.setShards(5);
        changed.setPersistence(new PersistenceSpec(false, null, null));

        assertThat(StatefulSetUpdate.classify(primary(null, RenderOptions.DEFAULTS), primary(changed, new RenderOptions(true))))
                .isEqualTo(IN_PLACE);
    }

    @Test
    void theServersFormOfTheSameClaimIsNoChange() {
        StatefulSet live = new StatefulSetBuilder(primary(null, RenderOptions.DEFAULTS)).editSpec()
                .editFirstVolumeClaimTemplate().editSpec().withVolumeMode("Filesystem")
                .editResources().addToRequests("storage", new Quantity("21474836480")).endResources()
                .endSpec().endVolumeClaimTemplate().endSpec().build();

        assertThat(StatefulSetUpdate.classify(live, primary(null, RenderOptions.DEFAULTS))).isEqualTo(IN_PLACE);
    }

    @Test
    void aBiggerVolumeNeedsTheStatefulSetReplacedAndTheClaimsGrown() {
        ValkeyClusterSpec bigger = new ValkeyClusterSpec();
        bigger.setStorage(new StorageSpec("64Gi"));

        assertThat(StatefulSetUpdate.classify(primary(null, RenderOptions.DEFAULTS), primary(bigger, RenderOptions.DEFAULTS)))
                .isEqualTo(RECREATE_ORPHANING_PODS);
        assertThat(StatefulSetUpdate.needsExpansion(claim("20Gi"), "64Gi")).isTrue();
        assertThat(StatefulSetUpdate.needsExpansion(claim("64Gi"), "64Gi")).isFalse();
        assertThat(StatefulSetUpdate.needsExpansion(claim("68719476736"), "64Gi")).isFalse();
    }

    @Test
    void whenTheClassForbidsExpansionTheRenderedStatefulSetKeepsTheLiveClaimsAndAppliesInPlace() {
        ValkeyClusterSpec bigger = new ValkeyClusterSpec();
        bigger.setStorage(new StorageSpec("64Gi"));
        bigger.setImage("valkey/valkey:8.1.1");
        StatefulSet live = primary(null, RenderOptions.DEFAULTS);
        StatefulSet desired = primary(bigger, RenderOptions.DEFAULTS);

        StatefulSet kept = StatefulSetUpdate.keepingClaims(live, desired);

        assertThat(StatefulSetUpdate.growsVolumes(live, desired)).isTrue();
        assertThat(StatefulSetUpdate.growsVolumes(live, kept)).isFalse();
        assertThat(StatefulSetUpdate.classify(live, kept)).isEqualTo(IN_PLACE);
        assertThat(StatefulSetUpdate.desiredSize(kept)).contains("20Gi");
        assertThat(kept.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .as("everything else still applies").isEqualTo("valkey/valkey:8.1.1");
        assertThat(StatefulSetUpdate.growsVolumes(desired, live)).as("shrinking is no growth").isFalse();
    }

    @Test
    void onlyAClassThatSaysSoAllowsExpansion() {
        assertThat(StatefulSetUpdate.allowsExpansion(new StorageClassBuilder().withAllowVolumeExpansion(true).build()))
                .isTrue();
        assertThat(StatefulSetUpdate.allowsExpansion(new StorageClassBuilder().withAllowVolumeExpansion(false).build()))
                .isFalse();
        assertThat(StatefulSetUpdate.allowsExpansion(new StorageClassBuilder().build())).isFalse();
    }

    @Test
    void aChangedServiceNameOrSelectorNeedsTheStatefulSetReplaced() {
        StatefulSet desired = primary(null, RenderOptions.DEFAULTS);
        StatefulSet otherService = new StatefulSetBuilder(desired).editSpec().withServiceName("other").endSpec().build();
        StatefulSet otherSelector = new StatefulSetBuilder(desired).editSpec().editSelector()
                .addToMatchLabels("extra", "x").endSelector().endSpec().build();

        assertThat(StatefulSetUpdate.classify(otherService, desired)).isEqualTo(RECREATE_ORPHANING_PODS);
        assertThat(StatefulSetUpdate.classify(otherSelector, desired)).isEqualTo(RECREATE_ORPHANING_PODS);
    }

    private static StatefulSet primary(ValkeyClusterSpec spec, RenderOptions options) {
        return ValkeyClusterManifests.render("cache", "orders", ResolvedSpec.resolve("cache", "orders", spec), options)
                .stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast).findFirst().orElseThrow();
    }

    private static PersistentVolumeClaim claim(String size) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName("data-orders-primary-0").endMetadata()
                .withNewSpec().withNewResources().addToRequests("storage", new Quantity(size)).endResources().endSpec()
                .build();
    }
}

package io.statefulsuite.provisioner.manifests;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.statefulsuite.provisioner.crd.StorageClassSpec;
import io.statefulsuite.provisioner.crd.StorageSpec;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerReferencesTest {

    @Test
    void namespacedObjectsGetTheClusterAsControllerAndTheStorageClassStaysUnowned() {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        StorageSpec storage = new StorageSpec();
        storage.setStorageClass(new StorageClassSpec("Premium_ZRS"));
        spec.setStorage(storage);
        List<HasMetadata> objects = ValkeyClusterManifests.render("cache", "orders",
                ResolvedSpec.resolve("cache", "orders", spec), RenderOptions.DEFAULTS);

        OwnerReferences.ownedBy(objects, "stateful.suite.io/v1alpha1", "ValkeyCluster", "orders", "uid-1");

        assertThat(objects).filteredOn(o -> !(o instanceof StorageClass)).hasSize(7).allSatisfy(o -> {
            assertThat(o.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getApiVersion()).isEqualTo("stateful.suite.io/v1alpha1");
                assertThat(owner.getKind()).isEqualTo("ValkeyCluster");
                assertThat(owner.getName()).isEqualTo("orders");
                assertThat(owner.getUid()).isEqualTo("uid-1");
                assertThat(owner.getController()).isTrue();
                assertThat(owner.getBlockOwnerDeletion()).isTrue();
            });
        });
        assertThat(objects.get(0)).isInstanceOf(StorageClass.class);
        assertThat(objects.get(0).getMetadata().getOwnerReferences()).isEmpty();
    }
}

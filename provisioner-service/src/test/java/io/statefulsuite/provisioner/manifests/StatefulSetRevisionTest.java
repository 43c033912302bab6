package io.statefulsuite.provisioner.manifests;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.statefulsuite.provisioner.crd.PersistenceSpec;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The pod-template revision that decides which pods a rolling update replaces. */
class StatefulSetRevisionTest {

    @Test
    void bothStatefulSetsCarryTheSameRevisionOnTheirPodTemplateAndLeaveUpdatesToTheProvisioner() {
        List<StatefulSet> statefulSets = statefulSets(spec -> { });

        assertThat(statefulSets).hasSize(2).allSatisfy(statefulSet -> {
            assertThat(statefulSet.getSpec().getUpdateStrategy().getType()).isEqualTo("OnDelete");
            assertThat(statefulSet.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry(StatefulSetManifest.REVISION_ANNOTATION, revision(spec -> { }));
        });
        assertThat(revision(spec -> { })).matches("[0-9a-f]{10}").isEqualTo(revision(spec -> { }));
    }

    @Test
    void anImageConfigOrResourceChangeIsANewRevisionAScaleIsNot() {
        String before = revision(spec -> { });

        assertThat(revision(spec -> spec.setImage("valkey/valkey:8.1.1"))).isNotEqualTo(before);
        assertThat(revision(spec -> {
            PersistenceSpec persistence = new PersistenceSpec();
            persistence.setAppendfsync("always");
            spec.setPersistence(persistence);
        })).as("a ConfigMap change rolls the pods").isNotEqualTo(before);
        assertThat(revision(spec -> spec.setMaxmemory("2gb"))).isNotEqualTo(before);
        assertThat(revision(spec -> spec.setReplicasPerShard(2))).isEqualTo(before);
    }

    /**
     * Pinned: a new revision for an unchanged spec would roll the pods of every running cluster once the new
     * provisioner is deployed, so features that are off (TLS, say) must leave the render byte for byte as it was.
     */
    @Test
    void theDefaultSpecKeepsItsRevisionAcrossReleases() {
        assertThat(revision(spec -> { })).isEqualTo("52ddfd7769");
    }

    private static String revision(Consumer<ValkeyClusterSpec> change) {
        return StatefulSetManifest.revisionOf(statefulSets(change).get(0).getSpec().getTemplate().getMetadata());
    }

    private static List<StatefulSet> statefulSets(Consumer<ValkeyClusterSpec> change) {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        change.accept(spec);
        List<HasMetadata> objects = ValkeyClusterManifests.render("ns", "cache",
                ResolvedSpec.resolve("ns", "cache", spec), RenderOptions.DEFAULTS);
        return objects.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast).toList();
    }
}

package io.statefulsuite.provisioner.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import io.statefulsuite.provisioner.domain.render.RenderOptions;
import io.statefulsuite.provisioner.domain.render.ValkeyClusterManifests;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestYamlTest {

    @Test
    void everyObjectIsOneDocumentThatReadsBackEqual() {
        List<HasMetadata> objects = ValkeyClusterManifests.render("cache", "orders",
                ResolvedSpec.resolve("cache", "orders", null), RenderOptions.DEFAULTS);

        String yaml = ManifestYaml.toYaml(objects);

        List<HasMetadata> parsed = new KubernetesSerialization().unmarshal(yaml);
        assertThat(parsed).hasSameSizeAs(objects);
        assertThat(parsed).containsExactlyElementsOf(objects);
        assertThat(parsed.get(0)).isInstanceOf(ConfigMap.class);
        assertThat(parsed.get(1)).isInstanceOf(Service.class);
        assertThat(parsed.get(4)).isInstanceOf(StatefulSet.class);
        assertThat(yaml).startsWith("---\n").doesNotContain(": null");
    }
}

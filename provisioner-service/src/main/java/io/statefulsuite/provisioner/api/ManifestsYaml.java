package io.statefulsuite.provisioner.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import io.statefulsuite.provisioner.manifests.RenderOptions;
import io.statefulsuite.provisioner.manifests.ValkeyClusterManifests;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.stream.Collectors;

/** The manifests of a spec as multi-document YAML, the form GitOps repositories keep them in. */
@ApplicationScoped
public class ManifestsYaml {

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    public String yaml(String namespace, String name, ValkeyClusterSpec spec) {
        return ValkeyClusterManifests.render(namespace, name, ResolvedSpec.resolve(namespace, name, spec),
                        RenderOptions.DEFAULTS).stream()
                .map(this::document)
                .collect(Collectors.joining());
    }

    private String document(HasMetadata object) {
        String yaml = serialization.asYaml(object);
        return yaml.startsWith("---") ? yaml : "---\n" + yaml;
    }
}

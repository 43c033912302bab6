package io.statefulsuite.provisioner.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Multi-document YAML of rendered objects, as a GitOps repository (ArgoCD) would hold them. Lives here, not in
 * domain, because fabric8's serializer is part of its client package.
 */
public final class ManifestYaml {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ManifestYaml() {
    }

    public static String toYaml(List<? extends HasMetadata> objects) {
        return objects.stream().map(ManifestYaml::document).collect(Collectors.joining());
    }

    private static String document(HasMetadata object) {
        String yaml = SERIALIZATION.asYaml(object);
        return yaml.startsWith("---") ? yaml : "---\n" + yaml;
    }
}

package io.statefulsuite.provisioner.manifests;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.ClusterNames;
import io.statefulsuite.provisioner.domain.Component;
import io.statefulsuite.provisioner.domain.ResolvedSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** ConfigMap {@code <c>-config}: valkey.conf and the container scripts. */
public final class ConfigMapManifest {

    private ConfigMapManifest() {
    }

    public static ConfigMap render(String namespace, String name, ResolvedSpec spec) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(ClusterNames.configMap(name))
                .withNamespace(namespace)
                .withLabels(ClusterLabels.of(name, Component.CLUSTER))
                .endMetadata()
                .addToData(ClusterNames.CONFIG_KEY, ValkeyConfFile.render(namespace, name, spec))
                .addToData(ContainerScripts.files(spec.tls()))
                .build();
    }

    /**
     * SHA-256 of the ConfigMap's data; on the pod template it makes a config change roll the pods, since
     * Valkey reads valkey.conf only at start.
     */
    public static String checksum(ConfigMap configMap) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> entry : new TreeMap<>(configMap.getData()).entrySet()) {
                digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(entry.getValue().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

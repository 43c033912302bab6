package io.statefulsuite.provisioner.manifests;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.Component;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Secret {@code <c>-auth-applied}: the password the running Valkey nodes require. The auth Secret says what the
 * password should be; when the two differ, the provisioner rotates the running nodes from this one to that one
 * (the old value is needed to log in), then records the new value here.
 */
public final class AppliedPasswordManifest {

    public static final String KEY = "password";

    private AppliedPasswordManifest() {
    }

    public static String name(String cluster) {
        return cluster + "-auth-applied";
    }

    public static Secret render(String namespace, String cluster, String password) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name(cluster))
                .withNamespace(namespace)
                .withLabels(ClusterLabels.of(cluster, Component.CLUSTER))
                .endMetadata()
                .withType("Opaque")
                .addToData(KEY, Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)))
                .build();
    }
}

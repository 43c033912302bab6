package io.statefulsuite.health.k8s;

import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** A Secret's value under a key, from {@code data} (base64) or, as written by some tools, {@code stringData}. */
final class SecretValues {

    private SecretValues() {
    }

    static Optional<String> read(Secret secret, String key) {
        if (secret.getData() != null && secret.getData().containsKey(key)) {
            return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
        }
        return Optional.ofNullable(secret.getStringData() == null ? null : secret.getStringData().get(key));
    }
}

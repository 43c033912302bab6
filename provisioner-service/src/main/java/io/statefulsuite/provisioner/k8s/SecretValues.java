package io.statefulsuite.provisioner.k8s;

import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The value of one key of a Secret, as the API server returns it (base64 in data) or as written (stringData). */
final class SecretValues {

    private SecretValues() {
    }

    static Optional<byte[]> of(Secret secret, String key) {
        String encoded = secret.getData() == null ? null : secret.getData().get(key);
        if (encoded != null) {
            return Optional.of(Base64.getDecoder().decode(encoded));
        }
        return Optional.ofNullable(secret.getStringData() == null ? null : secret.getStringData().get(key))
                .map(value -> value.getBytes(StandardCharsets.UTF_8));
    }
}

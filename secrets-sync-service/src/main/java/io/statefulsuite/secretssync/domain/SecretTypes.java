package io.statefulsuite.secretssync.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keys Kubernetes requires for its built-in Secret types. */
public final class SecretTypes {

    public static final String OPAQUE = "Opaque";

    private static final Map<String, List<String>> REQUIRED_KEYS = Map.of(
            "kubernetes.io/tls", List.of("tls.crt", "tls.key"),
            "kubernetes.io/dockerconfigjson", List.of(".dockerconfigjson"),
            "kubernetes.io/dockercfg", List.of(".dockercfg"),
            "kubernetes.io/ssh-auth", List.of("ssh-privatekey"));
    private static final String BASIC_AUTH = "kubernetes.io/basic-auth";

    private SecretTypes() {
    }

    public static String typeOf(Target target) {
        return target.type() == null || target.type().isEmpty() ? OPAQUE : target.type();
    }

    /** Why {@code keys} do not satisfy {@code type}, if they do not. */
    public static Optional<String> missingKeys(String type, Collection<String> keys) {
        if (type.equals(BASIC_AUTH) && !keys.contains("username") && !keys.contains("password")) {
            return Optional.of(type + " needs at least one of the keys username, password");
        }
        List<String> missing = REQUIRED_KEYS.getOrDefault(type, List.of()).stream()
                .filter(key -> !keys.contains(key)).toList();
        return missing.isEmpty() ? Optional.empty()
                : Optional.of(type + " needs the keys " + String.join(", ", missing));
    }
}

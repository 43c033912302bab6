package io.statefulsuite.secretssync.domain;

import java.util.regex.Pattern;

/** Naming rules of Kubernetes and Key Vault. */
public final class Names {

    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Pattern VAULT_SECRET = Pattern.compile("[0-9a-zA-Z-]{1,127}");
    private static final Pattern VERSION = Pattern.compile("[0-9a-fA-F]{32}");

    private Names() {
    }

    /** Object names (SecretSync, Secret): DNS-1123 subdomain, at most 253 characters. */
    public static boolean isObjectName(String name) {
        return name != null && name.length() <= 253 && DNS_SUBDOMAIN.matcher(name).matches();
    }

    /** Namespace names: DNS-1123 label, at most 63 characters. */
    public static boolean isNamespace(String name) {
        return name != null && name.length() <= 63 && DNS_LABEL.matcher(name).matches();
    }

    public static boolean isSecretKey(String key) {
        return key != null && key.length() <= 253 && SECRET_KEY.matcher(key).matches()
                && !key.equals(".") && !key.equals("..");
    }

    public static boolean isVaultSecretName(String name) {
        return name != null && VAULT_SECRET.matcher(name).matches();
    }

    public static boolean isVersionId(String version) {
        return version != null && VERSION.matcher(version).matches();
    }
}

package io.statefulsuite.provisioner.domain;

import io.statefulsuite.provisioner.crd.AuthSpec;
import io.statefulsuite.provisioner.crd.KeyVaultPasswordSpec;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a cluster's password comes from when it lives in Azure Key Vault: the vault, the vault secret, and whether
 * secrets-sync-service may generate it. Clusters that name their own auth Secret and no vault bring the Secret
 * themselves.
 */
public record VaultPassword(String vaultUrl, String vaultSecretName, boolean generate) {

    /** Key Vault object names: 1–127 letters, digits and dashes. */
    private static final Pattern VAULT_OBJECT_NAME = Pattern.compile("[0-9a-zA-Z-]{1,127}");

    /**
     * The vault password of cluster {@code name}, if it has one: {@code spec.auth.keyVault} when given, else the
     * configured default vault unless the spec names its own auth Secret (then that Secret is the user's to fill).
     */
    public static Optional<VaultPassword> resolve(String namespace, String name, AuthSpec auth,
                                                  Optional<String> defaultVaultUrl) {
        KeyVaultPasswordSpec keyVault = auth == null ? null : auth.getKeyVault();
        boolean ownSecret = auth != null && auth.getSecretName() != null;
        if (keyVault == null && (ownSecret || defaultVaultUrl.isEmpty())) {
            return Optional.empty();
        }
        KeyVaultPasswordSpec source = Objects.requireNonNullElseGet(keyVault, KeyVaultPasswordSpec::new);
        return Optional.ofNullable(source.getVaultUrl()).or(() -> defaultVaultUrl)
                .map(url -> new VaultPassword(url,
                        Objects.requireNonNullElse(source.getSecretName(), defaultSecretName(namespace, name)),
                        !Boolean.FALSE.equals(source.getGenerate())));
    }

    public static String defaultSecretName(String namespace, String name) {
        return namespace + "-" + name + "-valkey-password";
    }

    /** Syntax rules for {@code spec.auth.keyVault}; a missing vault URL without a default is reported at reconcile. */
    public static List<Violation> validate(KeyVaultPasswordSpec keyVault) {
        List<Violation> violations = new ArrayList<>();
        if (keyVault == null) {
            return violations;
        }
        String url = keyVault.getVaultUrl();
        if (url != null && !isHttpsUrl(url)) {
            violations.add(new Violation("spec.auth.keyVault.vaultUrl", "https-url",
                    "vaultUrl must be an https URL with a host, e.g. https://my-vault.vault.azure.net"));
        }
        String secretName = keyVault.getSecretName();
        if (secretName != null && !VAULT_OBJECT_NAME.matcher(secretName).matches()) {
            violations.add(new Violation("spec.auth.keyVault.secretName", "vault-object-name",
                    "secretName must be 1-127 letters, digits or dashes"));
        }
        return violations;
    }

    private static boolean isHttpsUrl(String url) {
        try {
            URI uri = URI.create(url);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null
                    && url.length() <= 2048;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

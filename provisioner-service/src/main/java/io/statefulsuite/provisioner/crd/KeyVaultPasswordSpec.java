package io.statefulsuite.provisioner.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/**
 * The password kept in Azure Key Vault: generated there if absent and mirrored into the auth Secret by
 * secrets-sync-service, before any pod starts. The provisioner never sees the value on this path.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KeyVaultPasswordSpec {

    @JsonPropertyDescription("Vault URL, e.g. https://my-vault.vault.azure.net. Default: the provisioner's "
            + "provisioner.secrets-sync.default-vault-url.")
    private String vaultUrl;

    @JsonPropertyDescription("Name of the vault secret. Default: <namespace>-<cluster>-valkey-password.")
    private String secretName;

    @JsonPropertyDescription("Generate a random password into the vault when the secret is absent (never overwrites).")
    @Default("true")
    private Boolean generate;

    public KeyVaultPasswordSpec() {
    }

    public KeyVaultPasswordSpec(String vaultUrl, String secretName, Boolean generate) {
        this.vaultUrl = vaultUrl;
        this.secretName = secretName;
        this.generate = generate;
    }

    public String getVaultUrl() {
        return vaultUrl;
    }

    public void setVaultUrl(String vaultUrl) {
        this.vaultUrl = vaultUrl;
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    public Boolean getGenerate() {
        return generate;
    }

    public void setGenerate(Boolean generate) {
        this.generate = generate;
    }
}

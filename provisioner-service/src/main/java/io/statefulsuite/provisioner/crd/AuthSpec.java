package io.statefulsuite.provisioner.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/**
 * Where the password lives. The provisioner never reads it: pods mount the Secret and write the
 * {@code requirepass}/{@code masterauth} lines into an in-memory file at start.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuthSpec {

    @JsonPropertyDescription("Secret in the cluster's namespace holding the password. Default: <cluster>-auth.")
    private String secretName;

    @JsonPropertyDescription("Key of the password (plain text, no \" or \\) in the Secret.")
    @Default("password")
    private String passwordKey;

    @JsonPropertyDescription("Keep the password in Azure Key Vault and let secrets-sync-service mirror it into the "
            + "Secret. Without it (and without a default vault configured) the Secret must be created by you.")
    private KeyVaultPasswordSpec keyVault;

    public AuthSpec() {
    }

    public AuthSpec(String secretName, String passwordKey) {
        this.secretName = secretName;
        this.passwordKey = passwordKey;
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }

    public KeyVaultPasswordSpec getKeyVault() {
        return keyVault;
    }

    public void setKeyVault(KeyVaultPasswordSpec keyVault) {
        this.keyVault = keyVault;
    }

    public String getPasswordKey() {
        return passwordKey;
    }

    public void setPasswordKey(String passwordKey) {
        this.passwordKey = passwordKey;
    }
}

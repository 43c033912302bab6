package io.statefulsuite.provisioner.domain;

import io.statefulsuite.provisioner.crd.AuthSpec;
import io.statefulsuite.provisioner.crd.KeyVaultPasswordSpec;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class VaultPasswordTest {

    private static final Optional<String> NO_DEFAULT = Optional.empty();
    private static final Optional<String> DEFAULT_VAULT = Optional.of("https://default.vault.azure.net");

    @Test
    void aClusterWithoutAuthUsesTheDefaultVaultWhenThereIsOne() {
        assertThat(VaultPassword.resolve("valkey", "cache", null, NO_DEFAULT)).isEmpty();
        assertThat(VaultPassword.resolve("valkey", "cache", null, DEFAULT_VAULT)).contains(
                new VaultPassword("https://default.vault.azure.net", "valkey-cache-valkey-password", true));
    }

    @Test
    void aClusterNamingItsOwnSecretBringsItUnlessItAsksForAVault() {
        assertThat(VaultPassword.resolve("valkey", "cache", new AuthSpec("mine", null), DEFAULT_VAULT)).isEmpty();
        AuthSpec both = new AuthSpec("mine", null);
        both.setKeyVault(new KeyVaultPasswordSpec(null, "orders-pw", false));
        assertThat(VaultPassword.resolve("valkey", "cache", both, DEFAULT_VAULT))
                .contains(new VaultPassword("https://default.vault.azure.net", "orders-pw", false));
    }

    @Test
    void aVaultWithoutUrlNeedsTheDefault() {
        AuthSpec auth = new AuthSpec();
        auth.setKeyVault(new KeyVaultPasswordSpec());
        assertThat(VaultPassword.resolve("valkey", "cache", auth, NO_DEFAULT)).isEmpty();
        auth.getKeyVault().setVaultUrl("https://team.vault.azure.net");
        assertThat(VaultPassword.resolve("valkey", "cache", auth, NO_DEFAULT).map(VaultPassword::vaultUrl))
                .contains("https://team.vault.azure.net");
    }

    @Test
    void theLongestDefaultNameIsAValidVaultName() {
        String name = VaultPassword.defaultSecretName("n".repeat(63), "c".repeat(SpecValidator.MAX_NAME_LENGTH));
        assertThat(VaultPassword.validate(new KeyVaultPasswordSpec(null, name, null))).isEmpty();
    }
}

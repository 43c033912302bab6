package io.statefulsuite.keyvault.emulator;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real {@link SecretClient} against the emulator over HTTPS, trusting only the emulator's CA. */
class KeyVaultEmulatorSdkTest {

    private static KeyVaultEmulator emulator;
    private static SecretClient client;

    @BeforeAll
    static void start() {
        emulator = KeyVaultEmulator.start();
        client = SdkClients.secretClient(emulator, 3);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    @Test
    void setThenGetRoundTripsValueAndMetadata() {
        KeyVaultSecret created = client.setSecret(new KeyVaultSecret("db-password", "s3cret")
                .setProperties(new SecretProperties().setContentType("text/plain").setTags(Map.of("app", "valkey"))));

        assertThat(created.getProperties().getVersion()).matches("[0-9a-f]{32}");
        assertThat(created.getId()).isEqualTo(emulator.vaultUrl() + "/secrets/db-password/"
                + created.getProperties().getVersion());
        KeyVaultSecret latest = client.getSecret("db-password");
        assertThat(latest.getValue()).isEqualTo("s3cret");
        assertThat(latest.getProperties().getTags()).containsEntry("app", "valkey");
        assertThat(latest.getProperties().getContentType()).isEqualTo("text/plain");
        assertThat(latest.getProperties().isEnabled()).isTrue();
        assertThat(latest.getProperties().getRecoveryLevel()).isEqualTo("Recoverable+Purgeable");
        assertThat(latest.getProperties().getUpdatedOn()).isNotNull();
    }

    @Test
    void newVersionBecomesLatestAndOldVersionStaysReadable() {
        String first = client.setSecret("rotating", "v1").getProperties().getVersion();
        String second = client.setSecret("rotating", "v2").getProperties().getVersion();

        assertThat(second).isNotEqualTo(first);
        assertThat(client.getSecret("rotating").getValue()).isEqualTo("v2");
        assertThat(client.getSecret("rotating", first).getValue()).isEqualTo("v1");
        assertThat(client.listPropertiesOfSecretVersions("rotating").stream().map(SecretProperties::getVersion))
                .containsExactlyInAnyOrder(first, second);
    }

    @Test
    void listingPagesByTwentyFiveAndFollowsNextLink() {
        IntStream.range(0, 60).forEach(i -> emulator.seed("secret-%02d".formatted(i), "value-" + i));
        emulator.counters().reset();

        List<String> names = client.listPropertiesOfSecrets().stream().map(SecretProperties::getName).toList();

        assertThat(names).hasSize(60).doesNotHaveDuplicates().contains("secret-00", "secret-59");
        assertThat(emulator.counters().count(Operation.LIST, 200)).isEqualTo(3);
        assertThat(emulator.counters().count(Operation.GET)).isZero();
    }

    @Test
    void updatePropertiesPatchesTagsAndEnabled() {
        KeyVaultSecret secret = client.setSecret("patched", "value");
        SecretProperties properties = secret.getProperties().setTags(Map.of("team", "platform")).setEnabled(false);

        SecretProperties updated = client.updateSecretProperties(properties);

        assertThat(updated.getTags()).containsEntry("team", "platform");
        assertThat(updated.isEnabled()).isFalse();
        assertThat(emulator.counters().count(Operation.PATCH, 200)).isEqualTo(1);
        assertThatThrownBy(() -> client.getSecret("patched"))
                .isInstanceOf(HttpResponseException.class)
                .satisfies(e -> assertThat(((HttpResponseException) e).getResponse().getStatusCode()).isEqualTo(403));
    }

    @Test
    void deletedSecretIsGoneAndItsNameCannotBeReusedUntilPurged() {
        client.setSecret("doomed", "value");

        client.beginDeleteSecret("doomed").waitForCompletion(Duration.ofSeconds(10));

        assertThatThrownBy(() -> client.getSecret("doomed"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("SecretNotFound");
        assertThatThrownBy(() -> client.setSecret("doomed", "again"))
                .isInstanceOf(HttpResponseException.class)
                .satisfies(e -> assertThat(((HttpResponseException) e).getResponse().getStatusCode()).isEqualTo(409));
        client.purgeDeletedSecret("doomed");
        assertThat(client.setSecret("doomed", "again").getValue()).isEqualTo("again");
    }

    @Test
    void throttledRequestIsRetriedAfterRetryAfter() {
        emulator.seed("busy", "value");
        emulator.faults().throttleNext(2, 1, Operation.GET);

        assertThat(client.getSecret("busy").getValue()).isEqualTo("value");
        assertThat(emulator.counters().count(Operation.GET, 429)).isEqualTo(2);
        assertThat(emulator.counters().count(Operation.GET, 200)).isEqualTo(1);
    }

    @Test
    void serverErrorsSurfaceOnceRetriesAreSpent() {
        emulator.seed("flaky", "value");
        SecretClient noRetries = SdkClients.secretClient(emulator, 0);
        emulator.faults().failNext(1, 500, Operation.GET);

        assertThatThrownBy(() -> noRetries.getSecret("flaky"))
                .isInstanceOf(HttpResponseException.class)
                .satisfies(e -> assertThat(((HttpResponseException) e).getResponse().getStatusCode()).isEqualTo(500));
        assertThat(noRetries.getSecret("flaky").getValue()).isEqualTo("value");
    }

    @Test
    void secretCanBeDeletedRightAfterTheListingThatShowedIt() {
        emulator.seed("vanishing", "value");
        emulator.faults().deleteAfterNext(Operation.LIST, "vanishing");

        assertThat(client.listPropertiesOfSecrets().stream().map(SecretProperties::getName)).containsExactly("vanishing");
        assertThatThrownBy(() -> client.getSecret("vanishing")).isInstanceOf(ResourceNotFoundException.class);
    }
}

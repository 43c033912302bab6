package io.statefulsuite.keyvault.emulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Protocol details a client library hides: the challenge, parameter checks, error bodies, admin paths. */
class KeyVaultEmulatorHttpTest {

    private static KeyVaultEmulator emulator;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        emulator = KeyVaultEmulator.start(EmulatorSettings.defaults().withRequiredToken("right-token"));
        http = HttpClient.newBuilder().sslContext(emulator.tls().clientSslContext()).build();
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
    void requestWithoutBearerGetsTheChallengeTheSdkExpects() throws Exception {
        HttpResponse<String> response = send("GET", "/secrets?api-version=2025-07-01", null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer authorization="
                + "\"https://login.microsoftonline.com/" + EmulatorSettings.DEFAULT_TENANT
                + "\", resource=\"https://vault.azure.net\"");
        assertThat(response.body()).contains("\"code\":\"Unauthorized\"");
        assertThat(emulator.counters().count(Operation.LIST, 401)).isEqualTo(1);
    }

    @Test
    void wrongConfiguredTokenIsRejected() throws Exception {
        assertThat(send("GET", "/secrets?api-version=2025-07-01", "wrong", null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/secrets?api-version=2025-07-01", "right-token", null).statusCode()).isEqualTo(200);
    }

    @Test
    void missingApiVersionIsABadParameter() throws Exception {
        HttpResponse<String> response = send("GET", "/secrets", "right-token", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"BadParameter\"").contains("api-version");
    }

    @Test
    void maxResultsAboveTwentyFiveIsRejected() throws Exception {
        assertThat(send("GET", "/secrets?api-version=2025-07-01&maxresults=26", "right-token", null).statusCode())
                .isEqualTo(400);
    }

    @Test
    void unknownSecretIsSecretNotFound() throws Exception {
        HttpResponse<String> response = send("GET", "/secrets/nope/?api-version=2025-07-01", "right-token", null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"code\":\"SecretNotFound\"");
    }

    @Test
    void setWithoutValueIsABadParameter() throws Exception {
        HttpResponse<String> response = send("PUT", "/secrets/x?api-version=2025-07-01", "right-token", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(emulator.store().latest("x")).isEmpty();
    }

    @Test
    void pagingWithSmallPagesVisitsEverySecretOnce() throws Exception {
        for (int i = 0; i < 5; i++) {
            emulator.seed("s" + i, "v");
        }
        HttpResponse<String> first = send("GET", "/secrets?api-version=2025-07-01&maxresults=2", "right-token", null);

        assertThat(first.body()).contains("/secrets/s0\"", "/secrets/s1\"").doesNotContain("/secrets/s2\"")
                .contains("nextLink\":\"" + emulator.vaultUrl() + "/secrets?api-version=2025-07-01&$skiptoken=");
    }

    @Test
    void adminPathsInjectFaultsAndShowCounters() throws Exception {
        emulator.seed("s", "v");
        send("POST", "/_emulator/faults", null, "{\"status\":503,\"count\":1,\"operations\":[\"get\"]}");

        assertThat(send("GET", "/secrets/s?api-version=2025-07-01", "right-token", null).statusCode()).isEqualTo(503);
        assertThat(send("GET", "/secrets/s?api-version=2025-07-01", "right-token", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/_emulator/counters", null, null).body()).isEqualTo("{\"get\":{\"200\":1,\"503\":1}}");
        assertThat(send("GET", "/_emulator/ca.pem", null, null).body()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    private HttpResponse<String> send(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.vaultUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

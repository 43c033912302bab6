package io.statefulsuite.secretssync.it;

import io.statefulsuite.testkit.api.HostileInput;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.statefulsuite.secretssync.crd.SecretSync;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Key Vault endpoint that accepts connections and never answers (not even the TLS handshake): the sync fails with a
 * clear condition in bounded time, and the service keeps serving meanwhile. The bounds are generous on purpose: they
 * say "answers at all", not how fast (the per-try timeout and retries come from KeyVaultEmulatorResource).
 */
@QuarkusTest
@TestProfile(ApiOnlyProfile.class)
@WithKubernetesTestServer(crud = true)
@WithTestResource(KeyVaultEmulatorResource.class)
class VaultSlowPeerTest {

    private static final Duration BOUND = Duration.ofSeconds(150);
    private static final RestAssuredConfig ANSWERS_AT_ALL = RestAssured.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.socket.timeout", (int) BOUND.toMillis()));

    @Inject
    KubernetesClient client;

    @Test
    void aSilentVaultFailsTheSyncWithAClearConditionWhileOtherRequestsAreServed() throws Exception {
        try (HostileInput.SilentPeer silent = new HostileInput.SilentPeer()) {
            String vaultUrl = "https://127.0.0.1:" + silent.port();
            Specs.put("slow", "silent", Specs.body(vaultUrl, "silent-target", """
                    "data": [{"secretKey": "a", "remoteRef": {"name": "x"}}]""")).statusCode(201);

            CompletableFuture<Response> sync = CompletableFuture.supplyAsync(() -> given().config(ANSWERS_AT_ALL)
                    .post("/api/v1/namespaces/slow/secret-syncs/silent:sync"));
            await().atMost(BOUND).until(() -> silent.connections() > 0);

            given().config(ANSWERS_AT_ALL).get("/api/v1/secret-syncs").then().statusCode(200);
            given().config(ANSWERS_AT_ALL).get("/q/health/live").then().statusCode(200);
            Response answer = sync.get(BOUND.toSeconds(), TimeUnit.SECONDS);

            if (answer.statusCode() == 200) {
                assertThat(answer.<String>path("outcome")).isEqualTo("failed");
            } else {
                assertThat(answer.statusCode()).as("the sync outlived POST …:sync's own wait").isEqualTo(504);
                assertThat(answer.contentType()).startsWith("application/problem+json");
            }
            await().atMost(BOUND).untilAsserted(() -> assertThat(ready()).isNotNull()
                    .satisfies(ready -> {
                        assertThat(ready.getStatus()).isEqualTo("False");
                        assertThat(ready.getReason()).isEqualTo("SyncFailed");
                        assertThat(ready.getMessage()).isNotBlank();
                    }));
            assertThat(client.secrets().inNamespace("slow").withName("silent-target").get()).isNull();
        }
    }

    private Condition ready() {
        SecretSync sync = client.resources(SecretSync.class).inNamespace("slow").withName("silent").get();
        return sync.getStatus() == null ? null : sync.getStatus().conditionsOrEmpty().stream()
                .filter(c -> c.getType().equals("Ready")).findFirst().orElse(null);
    }
}

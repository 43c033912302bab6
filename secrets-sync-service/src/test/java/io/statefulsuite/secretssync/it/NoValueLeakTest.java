package io.statefulsuite.secretssync.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;
import io.statefulsuite.keyvault.emulator.Operation;
import io.statefulsuite.secretssync.config.SecretText;
import io.statefulsuite.secretssync.config.SecretsSyncConfig;
import io.statefulsuite.secretssync.crd.SecretSync;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives every flow with known secret values — success, changes, failures, generation — and scans captured
 * logs, REST responses, statuses and metrics for them.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(KeyVaultEmulatorResource.class)
class NoValueLeakTest {

    private static final String CANARY = "CANARY-" + UUID.randomUUID();

    @KeyVaultEmulatorResource.InjectEmulator
    KeyVaultEmulator vault;

    @Inject
    KubernetesClient client;

    @Inject
    SecretsSyncConfig config;

    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logLines) {
                logLines.add(record.getLoggerName() + " " + record.getMessage() + " " + paramsOf(record)
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void printedConfigHidesTheVaultToken() {
        SecretsSyncConfig.KeyVault keyVault = config.keyvault();
        assertThat(keyVault.staticToken()).get().extracting(SecretText::value).isEqualTo("test-token");
        assertThat(List.of(String.valueOf(config), String.valueOf(keyVault), String.valueOf(keyVault.staticToken())))
                .allSatisfy(printed -> assertThat(printed).doesNotContain("test-token"));
    }

    @Test
    void noValueAppearsInLogsResponsesStatusOrMetrics() {
        List<String> seen = new ArrayList<>();
        vault.seed("leak-plain", CANARY + "-plain");
        vault.seed("leak-json", "{\"password\":\"" + CANARY + "-json\"}");
        vault.seed("leak-not-json", CANARY + "-not-json");
        vault.seed("leak-not-b64", CANARY + "-not-base64!");
        seen.add(Specs.put("leak", "good", Specs.bodyWithTarget(vault.vaultUrl(), """
                "data": [{"secretKey": "a", "remoteRef": {"name": "leak-plain"}},
                         {"secretKey": "b", "remoteRef": {"name": "leak-json", "property": "password"}}],
                "target": {"name": "good", "template": {"data": {"conf": "requirepass {{ .b }}"}, "mergePolicy": "Merge"}}""")).statusCode(201).extract().asString());
        seen.add(Specs.put("leak", "bad-json", Specs.body(vault.vaultUrl(), "bad-json", """
                "data": [{"secretKey": "a", "remoteRef": {"name": "leak-not-json", "property": "x"}}]"""))
                .statusCode(201).extract().asString());
        seen.add(Specs.put("leak", "bad-b64", Specs.body(vault.vaultUrl(), "bad-b64", """
                "data": [{"secretKey": "a", "remoteRef": {"name": "leak-not-b64", "decodingStrategy": "Base64"}}]"""))
                .statusCode(201).extract().asString());
        for (String name : List.of("good", "bad-json", "bad-b64")) {
            seen.add(Specs.syncNow("leak", name).statusCode(200).extract().asString());
        }
        vault.seed("leak-plain", CANARY + "-rotated");
        vault.faults().failNext(1, 500, Operation.GET);
        seen.add(Specs.syncNow("leak", "good").statusCode(200).extract().asString());
        seen.add(Specs.syncNow("leak", "good").statusCode(200).extract().asString());
        seen.add(given().contentType(ContentType.JSON).body("{\"vault\": \"" + vault.vaultUrl() + "\"}")
                .put("/api/v1/vault-secrets/leak-generated:generate").then().statusCode(201).extract().asString());
        String generated = vault.store().latest("leak-generated").orElseThrow().value();
        seen.add(given().get("/api/v1/namespaces/leak/secret-syncs").then().statusCode(200).extract().asString());
        seen.add(given().get("/api/v1/secret-syncs").then().statusCode(200).extract().asString());
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("secrets_sync_syncs_total", "secrets_sync_sync_duration_seconds",
                "secrets_sync_keyvault_requests_total{operation=\"get\"", "secrets_sync_kubernetes_writes_total",
                "secrets_sync_secrets_managed", "secrets_sync_last_success_timestamp_seconds{name=\"good\",namespace=\"leak\"}");
        seen.add(metrics);
        client.resources(SecretSync.class).inNamespace("leak").list().getItems()
                .forEach(resource -> seen.add(Serialization.asJson(resource.getStatus())));

        assertThat(Specs.data(client, "leak", "good")).containsEntry("a", CANARY + "-rotated")
                .containsEntry("conf", "requirepass " + CANARY + "-json");
        assertThat(seen).anyMatch(text -> text.contains("does not hold a JSON object"))
                .anyMatch(text -> text.contains("is not valid base64"))
                .noneMatch(text -> text.contains(CANARY)).noneMatch(text -> text.contains(generated));
        synchronized (logLines) {
            assertThat(logLines).as("the capture sees the service's log").anyMatch(line -> line.contains("leak/bad-json"));
            assertThat(logLines).noneMatch(line -> line.contains(CANARY)).noneMatch(line -> line.contains(generated));
        }
    }

    private static String paramsOf(LogRecord record) {
        Object[] parameters = record.getParameters();
        if (parameters == null) {
            return "";
        }
        List<String> texts = new ArrayList<>();
        for (Object parameter : parameters) {
            texts.add(String.valueOf(parameter));
        }
        return String.join(" ", texts);
    }
}

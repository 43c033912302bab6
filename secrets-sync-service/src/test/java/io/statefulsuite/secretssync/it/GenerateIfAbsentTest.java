package io.statefulsuite.secretssync.it;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;
import io.statefulsuite.keyvault.emulator.Operation;
import io.statefulsuite.keyvault.emulator.SecretUpdate;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Generate-if-absent creates a value only when the vault has none, and never overwrites one. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(KeyVaultEmulatorResource.class)
class GenerateIfAbsentTest {

    @KeyVaultEmulatorResource.InjectEmulator
    KeyVaultEmulator vault;

    @Test
    void generatesOnceThenKeepsTheValue() {
        generate("gen-first", "{\"vault\": \"%s\", \"length\": 40}").statusCode(201).body("created", equalTo(true));
        String value = vault.store().latest("gen-first").orElseThrow().value();
        assertThat(value).hasSize(40).matches("[A-Za-z0-9]+").matches(".*[A-Z].*").matches(".*[0-9].*");

        generate("gen-first", "{\"vault\": \"%s\"}").statusCode(200).body("created", equalTo(false));

        assertThat(vault.store().versions("gen-first")).hasSize(1);
        assertThat(vault.store().latest("gen-first").orElseThrow().value()).isEqualTo(value);
    }

    @Test
    void existingSecretIsNeverOverwritten() {
        vault.seed("gen-existing", "set-by-hand");

        generate("gen-existing", "{\"vault\": \"%s\", \"charset\": \"hex\"}").statusCode(200)
                .body("created", equalTo(false));

        assertThat(vault.store().versions("gen-existing")).hasSize(1);
        assertThat(vault.store().latest("gen-existing").orElseThrow().value()).isEqualTo("set-by-hand");
    }

    @Test
    void concurrentRequestsCreateExactlyOneValue() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> generate("gen-concurrent", "{\"vault\": \"%s\"}").extract().statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> status : pool.invokeAll(calls)) {
            statuses.add(status.get());
        }
        pool.shutdown();

        assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 200);
        assertThat(vault.store().versions("gen-concurrent")).hasSize(1);
    }

    @Test
    void anotherWriterWinningTheRaceKeepsItsValue() {
        vault.faults().afterNext(Operation.GET, store -> {
            store.setClock(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-5)));
            store.set("gen-raced", "other-writer", new SecretUpdate(null, null, null, null, null));
            store.setClock(Clock.systemUTC());
        });

        generate("gen-raced", "{\"vault\": \"%s\"}").statusCode(200).body("created", equalTo(false));

        assertThat(vault.store().latest("gen-raced").orElseThrow().value()).isEqualTo("other-writer");
    }

    @Test
    void badRequestsNameTheFieldAndWriteNothing() {
        generate("gen-bad", "{\"vault\": \"%s\", \"length\": 8, \"charset\": \"emoji\"}").statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("length")).body("errors.field", hasItem("charset"));
        generate("bad_name", "{\"vault\": \"%s\"}").statusCode(422).body("errors.field", hasItem("name"));
        generate("gen-bad", "{\"vault\": \"%s\", \"size\": 8}").statusCode(400).body("errors.field", hasItem("size"));
        generate("gen-bad", "{\"vault\": \"http://plain.example\"}").statusCode(422)
                .body("errors.field", hasItem("vault"));

        assertThat(vault.store().latest("gen-bad")).isEmpty();
    }

    private ValidatableResponse generate(String name, String bodyTemplate) {
        return given().contentType(ContentType.JSON).body(bodyTemplate.formatted(vault.vaultUrl()))
                .put("/api/v1/vault-secrets/{name}:generate", name).then();
    }
}

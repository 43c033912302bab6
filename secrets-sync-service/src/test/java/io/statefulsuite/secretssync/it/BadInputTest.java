package io.statefulsuite.secretssync.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.restassured.RestAssured;
import io.statefulsuite.testkit.api.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;
import io.statefulsuite.secretssync.crd.SecretSync;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Bad input gets 400/422 problems naming the field, and nothing is written. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(KeyVaultEmulatorResource.class)
class BadInputTest {

    @KeyVaultEmulatorResource.InjectEmulator
    KeyVaultEmulator vault;

    @Inject
    KubernetesClient client;

    @Test
    void unknownFieldIsRejectedWithItsPath() {
        Specs.put("bad", "unknown", Specs.bodyWithTarget(vault.vaultUrl(), """
                "data": [{"secretKey": "a", "remoteRef": {"name": "x", "colour": "blue"}}]""")).statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("spec.data[0].remoteRef.colour"));
        assertNothingWritten("unknown");
    }

    @Test
    void invalidSpecsNameEveryOffendingField() {
        Specs.put("bad", "many", Specs.body(vault.vaultUrl(), "Not_A_Name", """
                "data": [{"secretKey": "a/b", "remoteRef": {"name": "x", "decodingStrategy": "Rot13"}}],
                "dataFrom": [{"find": {"nameRegex": "([a-z"}}],
                "refreshInterval": "soon\"""")).statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors.field", hasItem("spec.target.name"))
                .body("errors.field", hasItem("spec.data[0].secretKey"))
                .body("errors.field", hasItem("spec.data[0].remoteRef.decodingStrategy"))
                .body("errors.field", hasItem("spec.dataFrom[0].find.nameRegex"))
                .body("errors.field", hasItem("spec.refreshInterval"));
        assertNothingWritten("many");
    }

    @Test
    void tlsTargetWithoutItsKeysIsRejected() {
        Specs.put("bad", "tls", Specs.bodyWithTarget(vault.vaultUrl(), """
                "data": [{"secretKey": "tls.crt", "remoteRef": {"name": "cert"}}],
                "target": {"name": "t", "type": "kubernetes.io/tls"}""")).statusCode(422)
                .body("errors[0].field", equalTo("spec.target.type"))
                .body("errors[0].message", equalTo("spec.target.type kubernetes.io/tls needs the keys tls.key"));
        assertNothingWritten("tls");
    }

    @Test
    void badNamesVaultsAndTenancyAreRefused() {
        Specs.put("bad", "Upper", Specs.body(vault.vaultUrl(), "t", """
                "data": [{"secretKey": "a", "remoteRef": {"name": "x"}}]""")).statusCode(422)
                .body("errors[0].field", equalTo("metadata.name"));
        Specs.put("bad", "plain-http", Specs.body("http://vault.example", "t", """
                "data": [{"secretKey": "a", "remoteRef": {"name": "x"}}]""")).statusCode(422)
                .body("errors[0].field", equalTo("spec.vault.url"));
        Specs.put("restricted", "other-vault", Specs.body(vault.vaultUrl(), "t", """
                "data": [{"secretKey": "a", "remoteRef": {"name": "x"}}]""")).statusCode(422)
                .body("errors[0].field", equalTo("spec.vault.url")).body("errors[0].rule", equalTo("allowList"));
        given().contentType("application/json").body("{not json").put("/api/v1/namespaces/bad/secret-syncs/x")
                .then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/namespaces/bad/secret-syncs/absent").then().statusCode(404)
                .contentType("application/problem+json");
        given().post("/api/v1/namespaces/bad/secret-syncs/absent:sync").then().statusCode(404);
        assertNothingWritten("plain-http");
        assertThat(client.resources(SecretSync.class).inNamespace("restricted").list().getItems()).isEmpty();
    }

    /** Paths like the fuzz test's {@code PUT /namespaces/a;b/secret-syncs/%25}, which was answered with a 500. */
    @Test
    void oddEscapesInPathsAreAnsweredWithProblems() {
        RawHttp.assertOddPathsGetProblems(RestAssured.port, List.of("PUT", "GET", "DELETE", "POST"), List.of(
                "/api/v1/namespaces/{}/secret-syncs/x", "/api/v1/namespaces/a;b/secret-syncs/{}",
                "/api/v1/namespaces/bad/secret-syncs/{}:sync"));
        assertThat(client.resources(SecretSync.class).inNamespace("a").list().getItems())
                .as("'a;b' must not be taken for namespace 'a'").isEmpty();
    }

    private void assertNothingWritten(String name) {
        assertThat(client.resources(SecretSync.class).inNamespace("bad").withName(name).get()).isNull();
        assertThat(client.secrets().inNamespace("bad").list().getItems()).isEmpty();
    }
}

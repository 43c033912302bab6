package io.statefulsuite.secretssync.it;

import io.statefulsuite.testkit.api.HostileInput;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;
import io.statefulsuite.secretssync.crd.SecretSync;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** PUTs racing on one SecretSync: with If-Match exactly one wins and the rest get 409; without, none is lost. */
@QuarkusTest
@TestProfile(ApiOnlyProfile.class)
@WithKubernetesTestServer(crud = true)
@WithTestResource(KeyVaultEmulatorResource.class)
class SecretSyncRaceTest {

    private static final String SYNC = "/api/v1/namespaces/{ns}/secret-syncs/{name}";
    private static final String NAMESPACE = "races";

    @KeyVaultEmulatorResource.InjectEmulator
    KeyVaultEmulator vault;

    @Inject
    KubernetesClient client;

    @Test
    void writersWithTheSameIfMatchGetOneSuccessAndConflictsForTheRest() throws Exception {
        String etag = put("guarded", body("first"), null).then().statusCode(201).extract().header("ETag");
        int writers = 8;

        List<Response> responses = HostileInput.concurrently(writers, i -> put("guarded", body("w" + i), etag));

        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertThat(statuses).as("statuses").filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).as("statuses").filteredOn(s -> s == 409).hasSize(writers - 1);
        assertThat(responses).filteredOn(r -> r.statusCode() == 409)
                .allSatisfy(r -> assertThat(r.contentType()).startsWith("application/problem+json"));
        Response winner = responses.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
        assertThat(stored("guarded").getMetadata().getLabels()).isEqualTo(winner.path("labels"));
    }

    @Test
    void aStaleIfMatchIsAConflictAndTheCurrentOneWins() {
        String first = put("stale", body("first"), null).then().statusCode(201).extract().header("ETag");
        String second = put("stale", body("second"), first).then().statusCode(200).extract().header("ETag");

        put("stale", body("third"), first).then().statusCode(409).contentType("application/problem+json");
        put("stale", body("third"), second).then().statusCode(200);
        put("absent", body("x"), second).then().statusCode(409);
        assertThat(stored("stale").getMetadata().getLabels()).containsEntry("writer", "third");
        assertThat(stored("absent")).isNull();
    }

    @Test
    void writersWithoutIfMatchAreAllAppliedOneAfterTheOther() throws Exception {
        put("unguarded", body("first"), null).then().statusCode(201);
        int writers = 3;

        List<Response> responses = HostileInput.concurrently(writers, i -> put("unguarded", body("w" + i), null));

        assertThat(responses).extracting(Response::statusCode).containsOnly(200);
        List<Long> versions = responses.stream().map(r -> Long.parseLong(r.header("ETag").replace("\"", ""))).toList();
        assertThat(versions).as("each write is its own version: none was dropped").doesNotHaveDuplicates();
        Response last = responses.stream()
                .max(Comparator.comparing(r -> Long.parseLong(r.header("ETag").replace("\"", "")))).orElseThrow();
        assertThat(stored("unguarded").getMetadata().getLabels()).isEqualTo(last.path("labels"));
    }

    private String body(String writer) {
        return """
                {"labels": {"writer": "%s"}, "spec": {"vault": {"url": "%s"}, "target": {"name": "raced"},
                 "data": [{"secretKey": "a", "remoteRef": {"name": "x"}}]}}""".formatted(writer, vault.vaultUrl());
    }

    private static Response put(String name, String body, String ifMatch) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put(SYNC, NAMESPACE, name);
    }

    private SecretSync stored(String name) {
        return client.resources(SecretSync.class).inNamespace(NAMESPACE).withName(name).get();
    }
}

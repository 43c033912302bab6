package io.statefulsuite.secretssync.it;

import io.statefulsuite.testkit.api.HostileInput;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.specification.RequestSpecification;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thousand and more malformed or boundary requests against every route of secrets-sync: never a 5xx, every refusal
 * an RFC 9457 problem, and a refused write leaves the API server and the vault exactly as they were.
 */
@QuarkusTest
@TestProfile(ApiOnlyProfile.class)
@WithKubernetesTestServer(crud = true)
@WithTestResource(KeyVaultEmulatorResource.class)
class SecretsSyncApiFuzzTest {

    private static final int REQUESTS = 1_200;
    private static final String NAMESPACE = "fuzz";
    private static final String SYNC = "seeded";
    private static final List<String> IF_MATCH = List.of("\"1\"", "*", "W/\"1\"", "", "\"", "\"\"", "1, 2",
            "x".repeat(5_000), "\u202E", "-1");

    @KeyVaultEmulatorResource.InjectEmulator
    KeyVaultEmulator vault;

    @Inject
    KubernetesClient client;

    @Test
    void hostileRequestsGetProblemsAndRefusedWritesChangeNothing() {
        JsonNode syncRequest = HostileInput.parse("""
                {"labels": {"team": "a"},
                 "spec": {"vault": {"url": "%s"},
                  "data": [{"secretKey": "password", "remoteRef": {"name": "fuzz-pw", "property": "p",
                            "decodingStrategy": "None"}}],
                  "dataFrom": [{"find": {"nameRegex": "fuzz-.*", "tags": {"t": "a"}},
                                "rewrite": [{"source": "^fuzz-", "target": "f_"}]},
                               {"extract": {"name": "fuzz-bundle"}}],
                  "target": {"name": "fuzz-target", "type": "Opaque", "labels": {"a": "b"}, "annotations": {"x": "y"},
                             "creationPolicy": "Owner", "deletionPolicy": "Retain", "immutable": false,
                             "template": {"data": {"conf": "requirepass {{ .password }}"}, "mergePolicy": "Replace"}},
                  "refreshInterval": "1h"}}""".formatted(vault.vaultUrl()));
        JsonNode generateRequest = HostileInput.parse("""
                {"vault": "%s", "length": 32, "charset": "alphanumeric", "contentType": "text/plain"}"""
                .formatted(vault.vaultUrl()));
        given().contentType("application/json").body(syncRequest.toString())
                .put("/api/v1/namespaces/{ns}/secret-syncs/{name}", NAMESPACE, SYNC).then().statusCode(201);
        // the first vault call of the JVM loads the Azure SDK: done here, before the hostile requests
        given().config(HostileInput.RAW_BODIES).contentType("application/json").body(generateRequest.toString())
                .put("/api/v1/vault-secrets/fuzz-warm-up:generate").then().statusCode(201);

        Map<Integer, Integer> statuses = HostileInput.run("SecretsSyncApiFuzzTest", REQUESTS,
                (input, i) -> request(input, i, syncRequest, generateRequest), this::writesSoFar);
        assertThat(statuses.keySet()).contains(400, 422);
    }

    private HostileInput.Request request(HostileInput input, int i, JsonNode syncRequest, JsonNode generateRequest) {
        String ns = input.name(NAMESPACE);
        String sync = "/api/v1/namespaces/" + ns + "/secret-syncs/" + input.name(SYNC);
        return switch (i % 10) {
            case 0, 1, 2 -> {
                RequestSpecification spec = given();
                if (input.chance(20)) {
                    spec.header("If-Match", input.pick(IF_MATCH));
                }
                yield new HostileInput.Request("PUT", sync, input.body(syncRequest), spec);
            }
            case 3 -> new HostileInput.Request("GET", sync, null, given());
            case 4 -> new HostileInput.Request("DELETE", "/api/v1/namespaces/" + ns + "/secret-syncs/" + input.name("absent"),
                    null, given());
            case 5 -> new HostileInput.Request("POST", "/api/v1/namespaces/" + ns + "/secret-syncs/" + input.name("absent")
                    + input.pick(List.of(":sync", ":explode", ":", "")), null, given());
            case 6 -> new HostileInput.Request("GET", input.pick(List.of("/api/v1/namespaces/" + ns + "/secret-syncs",
                    "/api/v1/secret-syncs")), null, given());
            case 7, 8 -> new HostileInput.Request("PUT", "/api/v1/vault-secrets/" + input.name("fuzz-generated")
                    + input.pick(List.of(":generate", ":generate", ":generate", ":delete", "")),
                    input.body(generateRequest), given());
            default -> new HostileInput.Request(input.pick(List.of("PATCH", "POST", "DELETE")),
                    input.pick(List.of("/api/v1/secret-syncs", "/api/v1/vault-secrets/x:generate",
                            "/api/v1/namespaces/" + ns + "/secret-syncs")), input.body(syncRequest), given());
        };
    }

    /** What the API wrote so far: the API server's write counter and each vault secret's latest version. */
    private String writesSoFar() {
        return apiServerWrites() + " " + vault.store().latestOfEach().stream()
                .map(secret -> secret.name() + "@" + secret.version()).sorted().toList();
    }

    /**
     * The mock API server's global resourceVersion (it stamps every list with it): it moves with each write of any
     * object in any namespace, so an unchanged value proves that nothing at all was written.
     */
    private String apiServerWrites() {
        return client.configMaps().inNamespace("write-counter").list().getMetadata().getResourceVersion();
    }
}

package io.statefulsuite.health.api;

import io.statefulsuite.testkit.api.HostileInput;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/**
 * A thousand and more malformed or boundary requests against every route of the health service: never a 5xx, every
 * refusal an RFC 9457 problem, and nothing written to the API server.
 */
@QuarkusTest
@TestProfile(ApiOnlyProfile.class)
@WithKubernetesTestServer(crud = true)
class HealthApiFuzzTest {

    private static final int REQUESTS = 1_100;
    private static final List<String> BOOLEANS = List.of("true", "false", "yes", "1", "", "TRUE", "null");

    @Inject
    KubernetesClient client;

    @Test
    void hostileRequestsGetProblemsAndWriteNothing() throws IOException {
        JsonNode check = HostileInput.parse("""
                {"endpoints": [{"host": "127.0.0.1", "port": %d, "zone": "1", "role": "primary", "name": "a"},
                               {"host": "::1", "port": %d, "zone": "2", "role": "replica", "name": "b"}],
                 "password": "pw", "timeoutMs": 200, "probe": false, "persistenceProbe": false,
                 "expected": {"shards": 1, "replicasPerShard": 1, "zones": ["1", "2"], "region": "westeurope",
                              "aof": true, "appendfsync": "everysec", "rdbSave": ["900 1"]}}"""
                .formatted(closedPort(), closedPort()));
        Map<Integer, Integer> statuses = HostileInput.run("HealthApiFuzzTest", REQUESTS,
                (input, i) -> request(input, i, check), this::apiServerWrites);
        assertThat(statuses.keySet()).contains(400, 404);
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() {
        String huge = "{\"password\":\"" + "a".repeat(300 * 1024) + "\"}";
        given().contentType("application/json").body(huge).post("/api/v1/health-checks")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body("errors[0].rule", equalTo("max-size"));
    }

    @Test
    void deepNestingAndKeysTwiceAre400Problems() {
        // the record's creator buffers what it reads, so Jackson's nesting limit (1000) answers here, naming no field
        given().contentType("application/json").body("{\"expected\":" + HostileInput.nested(10_000) + "}")
                .post("/api/v1/health-checks").then().statusCode(400).contentType("application/problem+json")
                .body("errors.size()", greaterThan(0));
        given().contentType("application/json").body("{\"timeoutMs\":100,\"timeoutMs\":200}")
                .post("/api/v1/health-checks").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("timeoutMs")).body("errors[0].rule", equalTo("duplicate-key"));
    }

    private HostileInput.Request request(HostileInput input, int i, JsonNode check) {
        String cluster = "/api/v1/namespaces/" + input.name("fuzz") + "/valkey-clusters/" + input.name("cache");
        return switch (i % 8) {
            case 0, 1, 2 -> new HostileInput.Request("POST", "/api/v1/health-checks", input.body(check), given());
            case 3 -> new HostileInput.Request("GET", cluster + "/health", null,
                    given().queryParam("fresh", input.pick(BOOLEANS)));
            case 4 -> new HostileInput.Request("POST", cluster + "/health/probe", null, given());
            case 5 -> new HostileInput.Request("GET", cluster + "/health/history", null, given());
            case 6 -> new HostileInput.Request("GET", "/api/v1/valkey-clusters/health", null, given());
            default -> new HostileInput.Request(input.pick(List.of("PUT", "PATCH", "DELETE", "GET")),
                    input.pick(List.of("/api/v1/health-checks", cluster + "/health", cluster + "/health/probe")),
                    input.body(check), given());
        };
    }

    /**
     * The mock API server's global resourceVersion (it stamps every list with it): it moves with each write of any
     * object in any namespace, so an unchanged value proves that nothing at all was written.
     */
    private String apiServerWrites() {
        return client.configMaps().inNamespace("write-counter").list().getMetadata().getResourceVersion();
    }

    /** A loopback port nobody listens on: a check of it is refused at once instead of waiting for a timeout. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

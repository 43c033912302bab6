package io.statefulsuite.health.api;

import io.statefulsuite.testkit.api.HostileInput;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Valkey "nodes" that accept connections and never answer: every explicit check still answers with a timeout
 * finding, and while many such checks hang the service keeps serving other requests. A check's answer comes within
 * its own timeout on a quiet machine; the bounds below are deliberately generous (answers at all, not how fast).
 */
@QuarkusTest
@TestProfile(ApiOnlyProfile.class)
@WithKubernetesTestServer(crud = true)
class HealthCheckSlowPeerTest {

    /** More checks at once than the node's connection pool has connections and waiting slots together. */
    private static final int CHECKS = 40;
    private static final int TIMEOUT_MS = 1_000;
    /** Client-side bound: far above the check timeout, far below "hangs until the test run is killed". */
    private static final RestAssuredConfig ANSWERS_AT_ALL = RestAssured.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.socket.timeout", 60_000).setParam("http.connection.timeout", 60_000));

    @Test
    void silentNodesGiveTimeoutFindingsWhileOtherRequestsAreServed() throws Exception {
        try (HostileInput.SilentPeer silent = new HostileInput.SilentPeer()) {
            String body = """
                    {"endpoints": [{"host": "127.0.0.1", "port": %d, "role": "primary"}], "timeoutMs": %d}"""
                    .formatted(silent.port(), TIMEOUT_MS);

            List<Response> checks = new CopyOnWriteArrayList<>();
            Thread hanging = new Thread(() -> checks.addAll(HostileInput.concurrently(CHECKS,
                    i -> given().config(ANSWERS_AT_ALL).contentType(ContentType.JSON).body(body)
                            .post("/api/v1/health-checks"))));
            hanging.start();
            awaitConnections(silent);

            given().config(ANSWERS_AT_ALL).get("/api/v1/valkey-clusters/health").then().statusCode(200);
            given().config(ANSWERS_AT_ALL).get("/q/health/live").then().statusCode(200);
            hanging.join(TimeUnit.SECONDS.toMillis(120));

            assertThat(hanging.isAlive()).as("every check answered").isFalse();
            // checks turned away at once (the node's connection pool busy) report it as node.unreachable or node.error
            String node = "127.0.0.1:" + silent.port();
            assertThat(checks).hasSize(CHECKS).allSatisfy(check -> {
                assertThat(check.statusCode()).isEqualTo(200);
                assertThat(check.<List<String>>path("findings.findAll { it.node == '" + node + "' }.check"))
                        .containsAnyOf("node.timeout", "node.unreachable", "node.error");
            });
            assertThat(checks).anySatisfy(check -> assertThat(check.<List<String>>path("findings.check"))
                    .contains("node.timeout"));
            System.out.println("HealthCheckSlowPeerTest: what the checks observed: " + checks.stream()
                    .map(check -> check.<List<String>>path("findings.observed")).distinct().toList());
        }
    }

    private static void awaitConnections(HostileInput.SilentPeer silent) throws InterruptedException {
        for (int i = 0; i < 600 && silent.connections() == 0; i++) {
            Thread.sleep(50);
        }
        assertThat(silent.connections()).as("the service connected to the silent node").isPositive();
    }
}

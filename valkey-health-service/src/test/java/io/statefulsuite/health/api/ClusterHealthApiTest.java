package io.statefulsuite.health.api;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.restassured.RestAssured;
import io.statefulsuite.testkit.api.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.statefulsuite.health.monitor.HealthMonitor;
import io.statefulsuite.health.support.TestCluster;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * The REST API and Kubernetes discovery end to end: pods, nodes, PVCs, Secret and ValkeyCluster in the mock API
 * server carry the loopback IPs of a real 6-node cluster.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ClusterHealthApiTest {

    private static TestCluster cluster;

    @Inject
    KubernetesClient client;

    @Inject
    HealthMonitor monitor;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(Files.createTempDirectory("health-api-"), 3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @BeforeEach
    void describeClusterInKubernetes() {
        if (!client.pods().inNamespace("shop").list().getItems().isEmpty()) {
            return;
        }
        KubernetesFixture fixture = new KubernetesFixture(client);
        fixture.nodes();
        fixture.cluster("shop", "cache", TestCluster.PASSWORD);
        fixture.cluster("misplaced", "cache", TestCluster.PASSWORD);
        for (int i = 0; i < 3; i++) {
            fixture.pod("shop", "cache", "primary", i, cluster.primary(i), TestCluster.zone(i));
            fixture.pod("shop", "cache", "replica", i, cluster.replica(i), TestCluster.zone(i + 1));
            // the same servers seen as another cluster whose replicas landed in their primary's zone
            fixture.pod("misplaced", "cache", "primary", i, cluster.primary(i), TestCluster.zone(i));
            fixture.pod("misplaced", "cache", "replica", i, cluster.replica(i), TestCluster.zone(i));
        }
    }

    @Test
    void aDiscoveredClusterIsHealthyWithPodsZonesAndVolumes() {
        given().queryParam("fresh", true)
                .when().get("/api/v1/namespaces/shop/valkey-clusters/cache/health")
                .then().statusCode(200)
                .body("status", equalTo("HEALTHY"))
                .body("namespace", equalTo("shop"))
                .body("topology.shards", hasSize(3))
                .body("topology.shards[0].primary.pod", equalTo("cache-primary-0"))
                .body("topology.shards[0].primary.zone", equalTo("westeurope-1"))
                .body("topology.shards[0].replicas[0].pod", equalTo("cache-replica-0"))
                .body("topology.shards[0].replicas[0].zone", equalTo("westeurope-2"))
                .body("findings.check", hasSize(0))
                .body(org.hamcrest.Matchers.not(containsString(TestCluster.PASSWORD)));
    }

    @Test
    void onlyAPostRunsTheCanaryProbeThatWritesKeys() {
        given().queryParam("fresh", true).queryParam("probe", true)
                .when().get("/api/v1/namespaces/shop/valkey-clusters/cache/health")
                .then().statusCode(200).body("probes", org.hamcrest.Matchers.nullValue());
        given().when().post("/api/v1/namespaces/shop/valkey-clusters/cache/health/probe")
                .then().statusCode(200).body("status", equalTo("HEALTHY")).body("probes", hasSize(3));
        given().when().post("/api/v1/namespaces/shop/valkey-clusters/nope/health/probe")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aReplicaInItsPrimarysZoneIsReportedPerShard() {
        given().queryParam("fresh", true)
                .when().get("/api/v1/namespaces/misplaced/valkey-clusters/cache/health")
                .then().statusCode(200)
                .body("status", equalTo("DEGRADED"))
                .body("findings.findAll { it.check == 'zone.primary-replica-same-zone' }.node",
                        equalTo(List.of("cache-replica-0", "cache-replica-1", "cache-replica-2")))
                .body("findings.find { it.node == 'cache-replica-0' }.remediation", containsString("another zone"));
    }

    @Test
    void theScheduleFillsTheCacheSummaryHistoryMetricsAndEvents() {
        monitor.checkAll();
        monitor.checkAll();

        given().when().get("/api/v1/valkey-clusters/health").then().statusCode(200)
                .body("clusters", equalTo(2))
                .body("byStatus.HEALTHY", equalTo(1))
                .body("items.namespace", hasItem("misplaced"));
        given().when().get("/api/v1/namespaces/shop/valkey-clusters/cache/health").then().statusCode(200)
                .body("status", equalTo("HEALTHY"));
        given().when().get("/api/v1/namespaces/shop/valkey-clusters/cache/health/history").then().statusCode(200)
                .body("cluster", equalTo("cache"));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("valkey_health_status{cluster=\"cache\",namespace=\"shop\"} 0.0")
                .contains("valkey_health_status{cluster=\"cache\",namespace=\"misplaced\"} 1.0")
                .contains("valkey_health_zone_violations{cluster=\"cache\",namespace=\"misplaced\"} 3.0")
                .contains("valkey_health_replication_link_up{cluster=\"cache\",namespace=\"shop\",pod=\"cache-replica-0\"} 1.0")
                .contains("valkey_health_cluster_slots{cluster=\"cache\",namespace=\"shop\",state=\"ok\"} 16384.0")
                .contains("valkey_health_check_duration_seconds_count{kind=\"scheduled\"}")
                .doesNotContain(cluster.primary(0).host());
    }

    @Test
    void aClusterThatDoesNotExistIsA404Problem() {
        given().when().get("/api/v1/namespaces/shop/valkey-clusters/nope/health")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", containsString("nope"))
                .body("instance", equalTo("/api/v1/namespaces/shop/valkey-clusters/nope/health"));
        given().when().get("/api/v1/namespaces/shop/valkey-clusters/nope/health/history")
                .then().statusCode(404).contentType("application/problem+json");
    }

    /** The kind of path that once made a sibling service answer 500: a matrix parameter beside {@code %25}. */
    @Test
    void oddEscapesInPathsAreAnsweredWithProblems() {
        RawHttp.assertOddPathsGetProblems(RestAssured.port, List.of("GET", "POST"), List.of(
                "/api/v1/namespaces/{}/valkey-clusters/cache/health", "/api/v1/namespaces/a;b/valkey-clusters/{}/health",
                "/api/v1/namespaces/shop/valkey-clusters/{}/health/history"));
    }

    @Test
    void namesThatKubernetesWouldRejectAre400sNamingTheField() {
        given().when().get("/api/v1/namespaces/Shop_1/valkey-clusters/cache/health")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("namespace"))).body("errors[0].rule", equalTo("dns-1123-label"));
        given().when().get("/api/v1/namespaces/shop/valkey-clusters/-Cache/health/history")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("name"))).body("errors[0].rule", equalTo("dns-1123-subdomain"));
    }

    @Test
    void explicitEndpointsAreCheckedWithTheCallersPassword() {
        List<Map<String, Object>> endpoints = cluster.targets().stream()
                .map(t -> Map.<String, Object>of("host", t.host(), "port", t.port(), "zone", t.zone(),
                        "role", t.intendedRole().name().toLowerCase(), "name", t.name())).toList();
        String body = given().contentType(ContentType.JSON)
                .body(Map.of("endpoints", endpoints,
                        "password", TestCluster.PASSWORD,
                        "expected", Map.of("shards", 3, "replicasPerShard", 1, "aof", true),
                        "timeoutMs", 5000, "probe", true))
                .when().post("/api/v1/health-checks")
                .then().statusCode(200)
                .body("probes", hasSize(3))
                .body("topology.shards[1].replicas[0].pod", equalTo("vk-replica-1"))
                .extract().asString();
        assertThat(io.restassured.path.json.JsonPath.from(body).getString("status")).as(body).isEqualTo("HEALTHY");
    }

    @Test
    void aSecretCannotBeSentToAnAddressTheCallerChose() {
        checkRefused(Map.of("endpoints", List.of(Map.of("host", "10.0.0.1")),
                        "passwordSecretRef", Map.of("namespace", "shop", "name", "cache-auth")), 400)
                .body("errors[0].field", equalTo("passwordSecretRef"))
                .body("errors[0].rule", equalTo("unknown-field"));
    }

    @Test
    void unreadableBodiesAreNotEchoedBack() {
        checkRefused("{\"endpoints\": [{\"host\": \"10.0.0.1\"}], \"password\": hunter2}", 400)
                .body("errors[0].field", equalTo("body")).body("errors[0].rule", equalTo("json"))
                .body(org.hamcrest.Matchers.not(containsString("hunter2")));
        checkRefused("{\"endpoints\": [{\"host\": \"10.0.0.1\", \"port\": \"hunter2\"}]}", 400)
                .body("errors[0].field", equalTo("endpoints[0].port")).body("errors[0].rule", equalTo("type"))
                .body(org.hamcrest.Matchers.not(containsString("hunter2")));
    }

    @Test
    void badRequestsGetProblemsNamingTheFieldAndRule() {
        checkRefused(Map.of("endpoints", List.of(Map.of("host", "bad host!", "port", 70000)), "timeoutMs", 5), 400)
                .body("errors.field", equalTo(List.of("endpoints[0].host", "endpoints[0].port", "timeoutMs")))
                .body("errors.rule", equalTo(List.of("hostname-or-ip", "range", "range")));
        checkRefused(Map.of("endpoints", List.of(Map.of("host", "10.0.0.1")), "passwrod", "x"), 400)
                .body("errors[0].field", equalTo("passwrod")).body("errors[0].rule", equalTo("unknown-field"));
        checkRefused("{\"endpoints\": [", 400);
    }

    @Test
    void tenThousandEndpointsAreRefusedWithTheLimit() {
        List<Map<String, Object>> endpoints = IntStream.range(0, 10_000)
                .mapToObj(i -> Map.<String, Object>of("host", "10.0." + (i / 250) + "." + (i % 250 + 1))).toList();
        checkRefused(Map.of("endpoints", endpoints), 422)
                .body("detail", containsString("At most 256 endpoints"))
                .body("errors[0].rule", equalTo("max-items"));
    }

    /** POSTs an explicit check that must be refused with {@code status} and a problem body. */
    private static ValidatableResponse checkRefused(Object body, int status) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/health-checks")
                .then().statusCode(status).contentType("application/problem+json");
    }

    @Test
    void theServiceIsReadyWhenTheKubernetesApiAnswers() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}

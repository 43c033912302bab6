package io.statefulsuite.provisioner.api;

import io.statefulsuite.testkit.api.HostileInput;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.testing.ApplyAwareKubernetesServer;
import io.statefulsuite.provisioner.testing.ClusterFixtures;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A thousand and more malformed or boundary requests against every route of the provisioner: never a 5xx, every
 * refusal an RFC 9457 problem, and a refused write leaves the API server exactly as it was.
 */
@QuarkusTest
@TestProfile(ApiOnlyProfile.class)
@WithTestResource(ApplyAwareKubernetesServer.class)
class ProvisionerApiFuzzTest {

    private static final int REQUESTS = 1_200;
    private static final String NAMESPACE = "fuzz";
    private static final String CLUSTER = "seeded";
    private static final String STORAGE_CLASS = "fuzz-premium";
    private static final JsonNode CLUSTER_SPEC = HostileInput.parse("""
            {"shards": 3, "replicasPerShard": 1, "zones": ["1", "2", "3"], "region": "westeurope",
             "nodeSelector": {"agentpool": "valkey"}, "image": "valkey/valkey:8.1",
             "resources": {"requests": {"cpu": "500m", "memory": "1Gi"}, "limits": {"cpu": "2", "memory": "2Gi"}},
             "storage": {"size": "20Gi", "storageClass": {"name": "valkey-fuzz", "skuName": "Premium_ZRS",
                         "reclaimPolicy": "Retain", "allowVolumeExpansion": true,
                         "volumeBindingMode": "WaitForFirstConsumer"}},
             "persistence": {"aof": true, "appendfsync": "everysec", "rdbSave": ["900 1"]},
             "auth": {"secretName": "seeded-auth", "passwordKey": "password"},
             "maxmemory": "1gb", "maxmemoryPolicy": "allkeys-lru", "config": {"timeout": "300"}}""");
    private static final JsonNode STORAGE_CLASS_SPEC = HostileInput.parse("""
            {"skuName": "Premium_ZRS", "reclaimPolicy": "Retain", "allowVolumeExpansion": true,
             "volumeBindingMode": "WaitForFirstConsumer"}""");
    private static final List<String> IF_MATCH = List.of("\"1\"", "*", "W/\"1\"", "", "\"", "\"\"", "1, 2",
            "x".repeat(5_000), "\u202E", "-1");
    private static final List<String> BOOLEANS = List.of("true", "false", "yes", "1", "", "TRUE", "null");

    @Inject
    KubernetesClient client;

    @BeforeEach
    void seed() {
        ClusterFixtures.registerCrd(client);
        if (client.resources(ValkeyCluster.class).inNamespace(NAMESPACE).withName(CLUSTER).get() == null) {
            given().contentType("application/json").body(CLUSTER_SPEC.toString())
                    .put("/api/v1/namespaces/{ns}/valkey-clusters/{name}", NAMESPACE, CLUSTER).then().statusCode(201);
            given().contentType("application/json").body(STORAGE_CLASS_SPEC.toString())
                    .put("/api/v1/storage-classes/{name}", STORAGE_CLASS).then().statusCode(201);
        }
    }

    @Test
    void hostileRequestsGetProblemsAndRefusedWritesChangeNothing() {
        Map<Integer, Integer> statuses = HostileInput.run("ProvisionerApiFuzzTest", REQUESTS, this::request,
                this::apiServerWrites);
        assertThat(statuses.keySet()).contains(400, 422);
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() {
        String huge = "{\"region\":\"" + "a".repeat(300 * 1024) + "\"}";
        given().contentType("application/json").body(huge)
                .put("/api/v1/namespaces/{ns}/valkey-clusters/{name}", NAMESPACE, "huge")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body("errors[0].rule", equalTo("max-size"));
    }

    /**
     * Without a Content-Length Quarkus cuts the body off while reading: 413 without a problem body (Vert.x writes it),
     * or the connection closed under the sender; either way nothing is written.
     */
    @Test
    void aChunkedBodyOverTheLimitIsRefusedToo() {
        String huge = "{\"region\":\"" + "a".repeat(300 * 1024) + "\"}";
        Optional<Integer> status = HostileInput.sendChunked("PUT", URI.create(RestAssured.baseURI + ":"
                + RestAssured.port + "/api/v1/namespaces/fuzz/valkey-clusters/huge"),
                huge.getBytes(StandardCharsets.UTF_8));
        assertThat(status).as("status, empty when the server hung up").satisfiesAnyOf(
                s -> assertThat(s).isEmpty(), s -> assertThat(s).contains(413));
        assertThat(client.resources(ValkeyCluster.class).inNamespace(NAMESPACE).withName("huge").get()).isNull();
    }

    /** Jackson stops at the first value of the wrong shape, long before its nesting limit (1000) would matter. */
    @Test
    void deepNestingIsA400Problem() {
        for (int depth : new int[] {1_001, 10_000}) {
            given().contentType("application/json").body("{\"nodeSelector\":" + HostileInput.nested(depth) + "}")
                    .put("/api/v1/namespaces/{ns}/valkey-clusters/{name}", NAMESPACE, "deep")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("spec.nodeSelector.a"));
        }
    }

    @Test
    void aKeyTwiceIsA400NamingTheKey() {
        given().contentType("application/json").body("{\"shards\":3,\"shards\":5}")
                .put("/api/v1/namespaces/{ns}/valkey-clusters/{name}", NAMESPACE, "twice")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("spec.shards")).body("errors[0].rule", equalTo("duplicate-key"));
    }

    private HostileInput.Request request(HostileInput input, int i) {
        String ns = input.name(NAMESPACE);
        String cluster = "/api/v1/namespaces/" + ns + "/valkey-clusters/" + input.name(CLUSTER);
        return switch (i % 11) {
            case 0, 1, 2 -> {
                RequestSpecification spec = given();
                if (input.chance(20)) {
                    spec.header("If-Match", input.pick(IF_MATCH));
                }
                if (input.chance(15)) {
                    spec.queryParam("dryRun", input.pick(BOOLEANS));
                }
                yield new HostileInput.Request("PUT", cluster, input.body(CLUSTER_SPEC), spec);
            }
            case 3 -> new HostileInput.Request("POST", cluster + input.pick(List.of(":render", ":render", ":explode", ":", "")),
                    input.body(CLUSTER_SPEC), given());
            case 4 -> new HostileInput.Request("GET", cluster, null, given());
            case 5 -> new HostileInput.Request("DELETE", "/api/v1/namespaces/" + ns + "/valkey-clusters/" + input.name("absent"),
                    null, given().queryParam("retainVolumes", input.pick(BOOLEANS)));
            case 6 -> new HostileInput.Request("GET", input.pick(List.of("/api/v1/namespaces/" + ns + "/valkey-clusters",
                    "/api/v1/valkey-clusters", "/api/v1/storage-classes",
                    "/api/v1/namespaces/" + ns + "/persistent-volume-claims?cluster=" + input.name(CLUSTER))),
                    null, given());
            case 7, 8 -> new HostileInput.Request("PUT", "/api/v1/storage-classes/" + input.name(STORAGE_CLASS),
                    input.body(STORAGE_CLASS_SPEC), given());
            case 9 -> new HostileInput.Request("GET", "/api/v1/storage-classes/" + input.name(STORAGE_CLASS), null, given());
            default -> new HostileInput.Request(input.pick(List.of("PATCH", "POST", "DELETE")),
                    input.pick(List.of("/api/v1/valkey-clusters", "/api/v1/storage-classes",
                            "/api/v1/namespaces/" + ns + "/valkey-clusters")),
                    input.body(CLUSTER_SPEC), given());
        };
    }

    /**
     * The mock API server's global resourceVersion (it stamps every list with it): it moves with each write of any
     * object in any namespace, so an unchanged value proves that nothing at all was written.
     */
    private String apiServerWrites() {
        return client.configMaps().inNamespace("write-counter").list().getMetadata().getResourceVersion();
    }
}

package io.statefulsuite.provisioner.api;

import io.statefulsuite.testkit.api.HostileInput;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.testing.ApplyAwareKubernetesServer;
import io.statefulsuite.provisioner.testing.ClusterFixtures;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** PUTs racing on one ValkeyCluster: with If-Match exactly one wins and the rest get 409; without, none is lost. */
@QuarkusTest
@TestProfile(ApiOnlyProfile.class)
@WithTestResource(ApplyAwareKubernetesServer.class)
class ValkeyClusterRaceTest {

    private static final String CLUSTER = "/api/v1/namespaces/{ns}/valkey-clusters/{name}";
    private static final String NAMESPACE = "races";

    @Inject
    KubernetesClient client;

    @BeforeEach
    void crd() {
        ClusterFixtures.registerCrd(client);
    }

    @Test
    void writersWithTheSameIfMatchGetOneSuccessAndConflictsForTheRest() throws Exception {
        String etag = put("guarded", "{}", null).then().statusCode(201).extract().header("ETag");
        int writers = 8;

        List<Response> responses = HostileInput.concurrently(writers, i -> put("guarded", spec(i), etag));

        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertThat(statuses).as("statuses").filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).as("statuses").filteredOn(s -> s == 409).hasSize(writers - 1);
        Response winner = responses.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
        assertThat(responses).filteredOn(r -> r.statusCode() == 409)
                .allSatisfy(r -> assertThat(r.contentType()).startsWith("application/problem+json"));
        assertThat(stored("guarded").getSpec().getMaxmemory()).isEqualTo(winner.path("spec.maxmemory"));
    }

    @Test
    void writersWithoutIfMatchAreAllAppliedOneAfterTheOther() throws Exception {
        put("unguarded", "{}", null).then().statusCode(201);
        int writers = 3;

        List<Response> responses = HostileInput.concurrently(writers, i -> put("unguarded", spec(i), null));

        assertThat(responses).extracting(Response::statusCode).containsOnly(200);
        List<Long> versions = responses.stream().map(r -> Long.parseLong(r.path("resourceVersion"))).toList();
        assertThat(versions).as("each write is its own version: none was dropped").doesNotHaveDuplicates();
        Response last = responses.stream()
                .max(Comparator.comparing(r -> Long.parseLong(r.path("resourceVersion")))).orElseThrow();
        assertThat(stored("unguarded").getSpec().getMaxmemory()).isEqualTo(last.path("spec.maxmemory"));
    }

    private static String spec(int writer) {
        return "{\"maxmemory\":\"" + (100 + writer) + "mb\"}";
    }

    private static Response put(String name, String body, String ifMatch) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put(CLUSTER, NAMESPACE, name);
    }

    private ValkeyCluster stored(String name) {
        return client.resources(ValkeyCluster.class).inNamespace(NAMESPACE).withName(name).get();
    }
}

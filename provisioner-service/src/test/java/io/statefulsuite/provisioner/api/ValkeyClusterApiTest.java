package io.statefulsuite.provisioner.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.Component;
import io.statefulsuite.provisioner.testing.ApplyAwareKubernetesServer;
import io.statefulsuite.local.apiserver.ApplyAwareMockServer;
import io.statefulsuite.provisioner.testing.ClusterFixtures;
import io.statefulsuite.testkit.api.RawHttp;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(ApplyAwareKubernetesServer.class)
class ValkeyClusterApiTest {

    private static final String CLUSTER = "/api/v1/namespaces/{ns}/valkey-clusters/{name}";
    private static final Duration RECONCILED = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    ApplyAwareMockServer server;

    @BeforeEach
    void crd() {
        ClusterFixtures.registerCrd(client);
    }

    @Test
    void putOfTheDefaultSpecCreatesTheClusterAndTheReconcilerItsWorkload() {
        String ns = "default-spec";
        ClusterFixtures.passwordSecret(client, ns, "cache", "s3cret-pw");

        put(ns, "cache", "{}").then().statusCode(201)
                .header("Location", startsWith("http"))
                .header("ETag", notNullValue())
                .body("name", equalTo("cache"))
                .body("namespace", equalTo(ns));

        await().atMost(RECONCILED).untilAsserted(() -> assertThat(workload(ns)).hasSize(7));
        StatefulSet primaries = client.apps().statefulSets().inNamespace(ns).withName("cache-primary").get();
        assertThat(primaries.getSpec().getReplicas()).isEqualTo(3);
        assertThat(primaries.getSpec().getSelector().getMatchLabels())
                .isEqualTo(ClusterLabels.podSelector("cache", Component.PRIMARY));
        assertThat(primaries.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(primaries.getSpec().getSelector().getMatchLabels());
        assertThat(primaries.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0)
                .getMatchExpressions().get(0).getValues()).containsExactly("1", "2", "3");
        assertThat(primaries.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted()).isEqualTo("Retain");
        StatefulSet replicas = client.apps().statefulSets().inNamespace(ns).withName("cache-replica").get();
        assertThat(replicas.getSpec().getReplicas()).isEqualTo(3);
        assertThat(replicas.getSpec().getSelector().getMatchLabels())
                .isEqualTo(ClusterLabels.podSelector("cache", Component.REPLICA));
        assertThat(client.services().inNamespace(ns).list().getItems()).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("cache", "cache-primary", "cache-replica");
        assertThat(client.configMaps().inNamespace(ns).withName("cache-config").get()).isNotNull();
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace(ns).withName("cache").get()).isNotNull();
        String uid = cluster(ns, "cache").getMetadata().getUid();
        for (HasMetadata object : workload(ns)) {
            assertThat(object.getMetadata().getLabels())
                    .containsEntry(ClusterLabels.NAME, "valkey")
                    .containsEntry(ClusterLabels.INSTANCE, "cache")
                    .containsEntry(ClusterLabels.PART_OF, "stateful-suite")
                    .containsEntry(ClusterLabels.MANAGED_BY, "valkey-provisioner");
            assertThat(object.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getKind()).isEqualTo("ValkeyCluster");
                assertThat(owner.getUid()).isEqualTo(uid);
                assertThat(owner.getController()).isTrue();
            });
        }
        assertThat(cluster(ns, "cache").getFinalizers()).containsExactly("stateful.suite.io/cleanup");
    }

    @Test
    void aSecondPutOfTheSameSpecChangesNothing() {
        String ns = "idempotent";
        String spec = "{\"replicasPerShard\":1,\"storage\":{\"size\":\"30Gi\"}}";
        ClusterFixtures.passwordSecret(client, ns, "cache", "pw-idempotent");
        put(ns, "cache", spec).then().statusCode(201);
        await().atMost(RECONCILED).until(() -> workload(ns).size() == 7
                && cluster(ns, "cache").getStatus() != null);
        awaitFullReconcilePass(ns);
        Map<String, String> before = resourceVersions(ns);

        String rv = put(ns, "cache", spec).then().statusCode(200).extract().path("resourceVersion");

        assertThat(rv).isEqualTo(before.get("ValkeyCluster/cache"));
        awaitFullReconcilePass(ns);
        assertThat(resourceVersions(ns)).isEqualTo(before);
    }

    @Test
    void ifMatchMakesTheUpdateConditional() {
        String ns = "lost-update";
        put(ns, "cache", "{}").then().statusCode(201);
        // Without the password Secret the reconciler writes status Pending once, then nothing.
        await().atMost(RECONCILED).until(() -> cluster(ns, "cache").getStatus() != null);
        String read = given().get(CLUSTER, ns, "cache").then().statusCode(200).extract().path("resourceVersion");

        String written = given().contentType(ContentType.JSON).header("If-Match", "\"" + read + "\"")
                .body("{\"replicasPerShard\":2}").put(CLUSTER, ns, "cache")
                .then().statusCode(200).body("spec.replicasPerShard", equalTo(2))
                .extract().path("resourceVersion");
        assertThat(written).isNotEqualTo(read);

        problem(given().contentType(ContentType.JSON).header("If-Match", read)
                .body("{\"replicasPerShard\":3}").put(CLUSTER, ns, "cache"), 409)
                .body("type", equalTo("urn:stateful-suite:problem:conflict"))
                .body("detail", containsString(read));
        assertThat(cluster(ns, "cache").getSpec().getReplicasPerShard()).isEqualTo(2);
    }

    @Test
    void withoutIfMatchAConcurrentWriteIsRetriedInsteadOfAnswered409() {
        String ns = "no-precondition";
        put(ns, "cache", "{}").then().statusCode(201);
        server.expect().put().withPath("/apis/stateful.suite.io/v1alpha1/namespaces/" + ns + "/valkeyclusters/cache")
                .andReturn(409, "{\"kind\":\"Status\",\"code\":409,\"reason\":\"Conflict\"}").once();

        put(ns, "cache", "{\"replicasPerShard\":2}").then().statusCode(200).body("spec.replicasPerShard", equalTo(2));

        assertThat(cluster(ns, "cache").getSpec().getReplicasPerShard()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"shardz\":3}                                             | 400 | spec.shardz",
            "{\"storage\":{\"sise\":\"1Gi\"}}                           | 400 | spec.storage.sise",
            "{\"shards\":\"three\"}                                     | 400 | spec.shards",
            "{\"zones\":\"1\"}                                          | 400 | spec.zones",
            "{\"shards\":                                               | 400 | body",
            "[1,2]                                                      | 400 | body",
            "{\"shards\":2}                                             | 422 | spec.shards",
            "{\"replicasPerShard\":6}                                   | 422 | spec.replicasPerShard",
            "{\"storage\":{\"size\":\"lots\"}}                          | 422 | spec.storage.size",
            "{\"storage\":{\"storageClass\":{\"skuName\":\"Ultra_LRS\"}}} | 422 | spec.storage.storageClass.skuName",
            "{\"tls\":{\"secretName\":\"tls\",\"verify\":true}}          | 400 | spec.tls.verify",
            "{\"tls\":{}}                                              | 422 | spec.tls.secretName",
            "{\"tls\":{\"secretName\":\"Cache_TLS\"}}                  | 422 | spec.tls.secretName",
            "{\"replicasPerShard\":2,\"zones\":[\"1\"]}                  | 422 | spec.zones",
            "{\"zones\":[\"1\",\"2\"]}                                  | 422 | spec.zones",
            "{\"nodeSelector\":{\"topology.kubernetes.io/zone\":\"1\"}}  | 422 | spec.nodeSelector.topology.kubernetes.io/zone",
    })
    void badSpecsAreRefusedNamingTheFieldAndNothingIsWritten(String body, int status, String field) {
        String ns = "bad-specs";
        problem(put(ns, "cache", body), status)
                .body("errors.field", hasItems(field))
                .body("errors[0].rule", notNullValue())
                .body("instance", equalTo("/api/v1/namespaces/bad-specs/valkey-clusters/cache"));
        assertThat(client.resources(ValkeyCluster.class).inNamespace(ns).list().getItems()).isEmpty();
    }

    @Test
    void aBadNameIsRefusedAndSoIsEveryViolationAtOnce() {
        problem(put("bad-names", "Cache_1", "{\"shards\":1,\"replicasPerShard\":9}"), 422)
                .body("errors.field", hasItems("metadata.name", "spec.shards", "spec.replicasPerShard"));
        assertThat(client.resources(ValkeyCluster.class).inNamespace("bad-names").list().getItems()).isEmpty();
    }

    @ParameterizedTest(name = "{1} -> {2}: {3} {4}")
    @CsvSource(delimiter = '|', value = {
            "shrink      | {\"storage\":{\"size\":\"30Gi\"}}        | {\"storage\":{\"size\":\"20Gi\"}}        | spec.storage.size | immutable-decrease",
            "tls-removed | {\"tls\":{\"secretName\":\"cache-tls\"}} | {}                                      | spec.tls          | immutable",
            "tls-changed | {\"tls\":{\"secretName\":\"cache-tls\"}} | {\"tls\":{\"secretName\":\"other-tls\"}} | spec.tls          | immutable",
            "tls-added   | {}                                      | {\"tls\":{\"secretName\":\"cache-tls\"}} | spec.tls          | immutable",
            "odd-shards  | {\"shards\":4,\"zones\":[\"1\",\"2\"]}   | {\"shards\":5,\"zones\":[\"1\",\"2\"]}   | spec.zones        | zone-separation",
    })
    void changesThatCannotBeMadeAreRefusedAndTheClusterStaysAsItWas(String ns, String created, String changed,
                                                                   String field, String rule) {
        put(ns, "cache", created).then().statusCode(201);
        await().atMost(RECONCILED).until(() -> cluster(ns, "cache").getStatus() != null);
        String rv = cluster(ns, "cache").getMetadata().getResourceVersion();

        problem(put(ns, "cache", changed), 422)
                .body("errors.field", hasItems(field))
                .body("errors.rule", hasItems(rule));

        assertThat(cluster(ns, "cache").getMetadata().getResourceVersion()).as("nothing written").isEqualTo(rv);
    }

    /** The kind of path that once made a sibling service answer 500: a matrix parameter beside {@code %25}. */
    @Test
    void oddEscapesInPathsAreAnsweredWithProblems() {
        RawHttp.assertOddPathsGetProblems(RestAssured.port, List.of("PUT", "GET", "DELETE"), List.of(
                "/api/v1/namespaces/{}/valkey-clusters/cache", "/api/v1/namespaces/a;b/valkey-clusters/{}",
                "/api/v1/storage-classes/{}"));
        assertThat(client.resources(ValkeyCluster.class).inNamespace("a").list().getItems())
                .as("'a;b' must not be taken for namespace 'a'").isEmpty();
    }

    @Test
    void clustersAreReadOneByOneAndListedPerNamespaceAndOverall() {
        put("listing", "one", "{}").then().statusCode(201);
        put("listing", "two", "{\"shards\":4}").then().statusCode(201);
        put("listing-other", "three", "{}").then().statusCode(201);

        given().get(CLUSTER, "listing", "two").then().statusCode(200)
                .body("spec.shards", equalTo(4))
                .body("phase", notNullValue());
        given().get("/api/v1/namespaces/listing/valkey-clusters").then().statusCode(200)
                .body("items.name", hasSize(2))
                .body("items.name", hasItems("one", "two"));
        given().get("/api/v1/valkey-clusters").then().statusCode(200)
                .body("items.name", hasItems("one", "two", "three"));
        problem(given().get(CLUSTER, "listing", "missing"), 404)
                .body("type", equalTo("urn:stateful-suite:problem:not-found"))
                .body("detail", containsString("listing/missing"));
    }

    @Test
    void deleteKeepsTheVolumesByDefault() {
        String ns = "delete-retain";
        provisionWithClaims(ns);

        given().delete(CLUSTER, ns, "cache").then().statusCode(202).body("phase", equalTo("Deleting"));

        await().atMost(RECONCILED).until(() -> client.resources(ValkeyCluster.class).inNamespace(ns)
                .withName("cache").get() == null);
        assertThat(workload(ns)).isEmpty();
        assertThat(client.persistentVolumeClaims().inNamespace(ns).list().getItems()).hasSize(2);
    }

    @Test
    void deleteWithoutRetainingVolumesRemovesTheClaimsToo() {
        String ns = "delete-volumes";
        provisionWithClaims(ns);

        given().queryParam("retainVolumes", false).delete(CLUSTER, ns, "cache")
                .then().statusCode(202).body("phase", equalTo("Deleting"));

        await().atMost(RECONCILED).until(() -> client.resources(ValkeyCluster.class).inNamespace(ns)
                .withName("cache").get() == null);
        assertThat(workload(ns)).isEmpty();
        assertThat(client.persistentVolumeClaims().inNamespace(ns).list().getItems()).isEmpty();
        problem(given().delete(CLUSTER, ns, "cache"), 404);
    }

    @Test
    void renderReturnsTheManifestsAsYamlAndWritesNothing() {
        String ns = "render";
        String yaml = given().contentType(ContentType.JSON).body("{\"replicasPerShard\":0}")
                .post(CLUSTER + ":render", ns, "cache")
                .then().statusCode(200).contentType(startsWith("application/yaml"))
                .extract().asString();

        assertThat(yaml.split("(?m)^---$")).filteredOn(doc -> !doc.isBlank()).hasSize(6);
        assertThat(yaml).contains("name: \"cache-primary\"", "kind: \"PodDisruptionBudget\"");
        assertThat(yaml.split("kind: \"StatefulSet\"", -1)).as("one StatefulSet: no replicas").hasSize(2);
        problem(given().contentType(ContentType.JSON).body("{\"shards\":1}").post(CLUSTER + ":render", ns, "cache"), 422)
                .body("errors.field", hasItems("spec.shards"));
        assertThat(client.resources(ValkeyCluster.class).inNamespace(ns).list().getItems()).isEmpty();
        assertThat(workload(ns)).isEmpty();
    }

    @Test
    void aDryRunPutShowsWhatWouldBeAppliedAndWritesNothing() {
        String ns = "dry-run";
        given().contentType(ContentType.JSON).accept("application/yaml").queryParam("dryRun", true).body("{}")
                .put(CLUSTER, ns, "cache")
                .then().statusCode(200).contentType(startsWith("application/yaml"))
                .body(containsString("name: \"cache-replica\""));
        assertThat(client.resources(ValkeyCluster.class).inNamespace(ns).list().getItems()).isEmpty();
    }

    @Test
    void kubernetesApiFailuresBecome503WithRetryAfter() {
        server.expect().get().withPath("/apis/stateful.suite.io/v1alpha1/namespaces/faulty/valkeyclusters/cache")
                .andReturn(500, "{\"kind\":\"Status\",\"code\":500}").always();

        problem(given().get(CLUSTER, "faulty", "cache"), 503)
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:stateful-suite:problem:kubernetes-unavailable"))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void aRightTheServiceLacksIsA502NotARetryableOutage() {
        server.expect().get().withPath("/apis/stateful.suite.io/v1alpha1/namespaces/locked/valkeyclusters/cache")
                .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\"}").always();

        problem(given().get(CLUSTER, "locked", "cache"), 502)
                .header("Retry-After", nullValue())
                .body("type", equalTo("urn:stateful-suite:problem:kubernetes-forbidden"));
    }

    @Test
    void theOpenApiDocumentDescribesTheOperations() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/namespaces/{namespace}/valkey-clusters/{name}:render"))
                .body("paths.'/api/v1/namespaces/{namespace}/valkey-clusters/{name}'.put.summary", notNullValue());
    }

    static Response put(String ns, String name, String body) {
        return given().contentType(ContentType.JSON).body(body).when().put(CLUSTER, ns, name);
    }

    static ValidatableResponse problem(Response response, int status) {
        return response.then().statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("title", notNullValue());
    }

    private void provisionWithClaims(String ns) {
        ClusterFixtures.passwordSecret(client, ns, "cache", "pw");
        put(ns, "cache", "{}").then().statusCode(201);
        await().atMost(RECONCILED).until(() -> workload(ns).size() == 7);
        ClusterFixtures.boundClaim(client, ns, "cache", Component.PRIMARY, 0, "20Gi");
        ClusterFixtures.boundClaim(client, ns, "cache", Component.REPLICA, 0, "20Gi");
    }

    /** Waits until a reconcile pass of cluster "cache" in {@code ns} started and ended after this call. */
    private void awaitFullReconcilePass(String ns) {
        String lastApplied = "/apis/policy/v1/namespaces/" + ns + "/poddisruptionbudgets/cache";
        int applies = server.dispatcher().applies(lastApplied);
        await().atMost(RECONCILED).until(() -> server.dispatcher().applies(lastApplied) >= applies + 2);
    }

    private ValkeyCluster cluster(String ns, String name) {
        return client.resources(ValkeyCluster.class).inNamespace(ns).withName(name).get();
    }

    private Map<String, String> resourceVersions(String ns) {
        Map<String, String> versions = new TreeMap<>();
        Stream.concat(workload(ns).stream(), Stream.of(cluster(ns, "cache")))
                .forEach(o -> versions.put(o.getKind() + "/" + o.getMetadata().getName(),
                        o.getMetadata().getResourceVersion()));
        return versions;
    }

    private List<HasMetadata> workload(String ns) {
        return Stream.of(
                        client.apps().statefulSets().inNamespace(ns).list().getItems().stream(),
                        client.services().inNamespace(ns).list().getItems().stream(),
                        client.configMaps().inNamespace(ns).list().getItems().stream(),
                        client.policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems().stream())
                .flatMap(s -> s.map(HasMetadata.class::cast))
                .toList();
    }
}

package io.statefulsuite.health.api;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.statefulsuite.health.domain.ClusterRef;
import io.statefulsuite.health.domain.NodeTarget;
import io.statefulsuite.health.k8s.ClusterDiscovery;
import io.statefulsuite.health.support.TestCluster;
import io.statefulsuite.testkit.valkey.ValkeyNode;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Pods that only carry a cluster's labels are never checked nor sent its password; canary probes are limited per
 * cluster.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class ClusterSafetyApiTest {

    private static final String NS = "trust";
    private static final String STRAY_PASSWORD = "stray-pw";
    private static ValkeyNode node;
    private static ValkeyNode stray;

    @Inject
    KubernetesClient client;

    @Inject
    ClusterDiscovery discovery;

    @BeforeAll
    static void startServers() throws Exception {
        node = ValkeyNode.builder().workDir(Files.createTempDirectory("health-trust-")).password(TestCluster.PASSWORD)
                .start();
        stray = ValkeyNode.builder().workDir(Files.createTempDirectory("health-stray-")).password(STRAY_PASSWORD)
                .start();
    }

    @AfterAll
    static void stopServers() {
        node.close();
        stray.close();
    }

    @BeforeEach
    void describeClusterInKubernetes() {
        if (!client.pods().inNamespace(NS).list().getItems().isEmpty()) {
            return;
        }
        KubernetesFixture fixture = new KubernetesFixture(client);
        fixture.nodes();
        for (String cluster : List.of("guarded", "probed")) {
            fixture.cluster(NS, cluster, TestCluster.PASSWORD);
            fixture.pod(NS, cluster, "primary", 0, node, TestCluster.zone(0));
        }
        strayPod("guarded-debug", null);
        strayPod("guarded-primary-9", "uid-of-no-statefulset");
    }

    @Test
    void podsNotControlledByTheClustersStatefulSetsAreNeverChecked() {
        List<String> targets = discovery.discover(new ClusterRef(NS, "guarded")).orElseThrow().plan().targets()
                .stream().map(NodeTarget::name).toList();
        assertThat(targets).containsExactly("guarded-primary-0");

        given().queryParam("fresh", true).when().get("/api/v1/namespaces/{ns}/valkey-clusters/guarded/health", NS)
                .then().statusCode(200)
                .body(allOf(not(containsString("guarded-debug")), not(containsString("guarded-primary-9"))));

        assertThat(discovery.discoverAll()).filteredOn(cluster -> cluster.ref().equals(new ClusterRef(NS, "guarded")))
                .singleElement().satisfies(cluster -> assertThat(cluster.plan().targets()).extracting(NodeTarget::name)
                        .containsExactly("guarded-primary-0"));
        assertThat((List<?>) stray.command("ACL", "LOG")).as("AUTH attempts on the stray pod's server").isEmpty();
    }

    @Test
    void aSecondProbeSoonAfterTheFirstGets429WithRetryAfter() {
        given().when().post("/api/v1/namespaces/{ns}/valkey-clusters/probed/health/probe", NS).then().statusCode(200);

        String retryAfter = given().when().post("/api/v1/namespaces/{ns}/valkey-clusters/probed/health/probe", NS)
                .then().statusCode(429).contentType("application/problem+json")
                .body("status", equalTo(429)).body("title", equalTo("Too Many Requests"))
                .extract().header("Retry-After");

        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 10);
    }

    /** A pod with the cluster's labels pointing at another server; {@code ownerUid}: a forged owner, or none. */
    private void strayPod(String name, String ownerUid) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .addToLabels("app.kubernetes.io/name", "valkey").addToLabels("app.kubernetes.io/instance", "guarded")
                .addToLabels("app.kubernetes.io/component", "primary").endMetadata()
                .withNewSpec().withNodeName("aks-valkey-1").addNewContainer().withName("valkey").withImage("valkey/valkey:8.1")
                .addNewPort().withName("client").withContainerPort(stray.port()).endPort().endContainer().endSpec()
                .withNewStatus().withPodIP(stray.host()).withPhase("Running").endStatus();
        if (ownerUid != null) {
            pod.editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet")
                    .withName("guarded-primary").withUid(ownerUid).withController(true).endOwnerReference().endMetadata();
        }
        client.pods().inNamespace(NS).resource(pod.build()).create();
    }
}

package io.statefulsuite.health.api;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.statefulsuite.health.support.TestCluster;
import io.statefulsuite.keyvault.emulator.EmulatorTls;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/**
 * ValkeyClusters with {@code spec.tls} in the mock API server, their pods pointing at a real TLS-only 6-node cluster:
 * checked over TLS trusting the Secret's ca.crt; a missing Secret, a missing or unparsable ca.crt, or a ca.crt that did
 * not sign the nodes' certificates is a finding with status UNKNOWN, never a 5xx and never a plain-TCP check.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class TlsClusterHealthApiTest {

    private static final String CLUSTER = "cache";
    private static final String TLS_SECRET = "cache-tls";
    private static TestCluster cluster;
    private static EmulatorTls.PemFiles pem;
    private static String otherCa;

    @Inject
    KubernetesClient client;

    @BeforeAll
    static void startTlsCluster() throws IOException {
        Path work = Files.createTempDirectory("health-tls-");
        pem = EmulatorTls.generate(List.of()).writePemFiles(work.resolve("tls"));
        otherCa = EmulatorTls.generate(List.of()).caCertificatePem();
        cluster = TestCluster.start(work.resolve("nodes"), 3, pem);
    }

    @AfterAll
    static void stopTlsCluster() {
        cluster.close();
    }

    @BeforeEach
    void describeClustersInKubernetes() throws IOException {
        if (!client.pods().inNamespace("secure").list().getItems().isEmpty()) {
            return;
        }
        new KubernetesFixture(client).nodes();
        String nodesCa = Files.readString(pem.caCertificate());
        tlsCluster("secure", Map.of("ca.crt", nodesCa));
        tlsCluster("rotated", Map.of("ca.crt", nodesCa));
        tlsCluster("other-ca", Map.of("ca.crt", otherCa));
        tlsCluster("no-ca", Map.of());
        tlsCluster("bad-ca", Map.of("ca.crt",
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"));
        tlsCluster("no-secret", null);
        KubernetesFixture fixture = new KubernetesFixture(client);
        fixture.cluster("no-name", CLUSTER, TestCluster.PASSWORD, Map.of("tls", Map.of()));
        pods(fixture, "no-name");
    }

    @Test
    void aTlsClusterIsHealthyOverTlsAndItsCanaryProbeToo() throws IOException {
        health("secure").body("status", equalTo("HEALTHY")).body("findings", hasSize(0))
                .body("topology.shards", hasSize(3));
        given().when().post("/api/v1/namespaces/secure/valkey-clusters/cache/health/probe")
                .then().statusCode(200).body("status", equalTo("HEALTHY")).body("probes", hasSize(3));
    }

    @Test
    void aTlsSecretWithoutCaCrtIsAFindingAndNoNodeIsContacted() throws IOException {
        trustFinding("no-ca").body("findings[0].observed", equalTo("Secret no-ca/cache-tls has no key ca.crt"))
                .body("findings[0].remediation", containsString("ca.crt of Secret no-ca/cache-tls"));
    }

    @Test
    void anUnparsableCaCrtIsAFinding() throws IOException {
        trustFinding("bad-ca").body("findings[0].observed",
                equalTo("key ca.crt of Secret bad-ca/cache-tls holds no PEM X.509 certificate"));
    }

    @Test
    void aMissingTlsSecretIsAFinding() throws IOException {
        trustFinding("no-secret").body("findings[0].observed", equalTo("Secret no-secret/cache-tls not found"));
    }

    @Test
    void specTlsWithoutASecretNameIsAFindingNotPlainTcp() throws IOException {
        trustFinding("no-name").body("findings[0].observed", equalTo("spec.tls without secretName"));
    }

    @Test
    void nodesWhoseCertificatesAnotherCaSignedFailTheHandshake() throws IOException {
        handshakeFailures("other-ca");
    }

    @Test
    void aRotatedCaCrtIsTrustedFromTheNextCheckOn() throws IOException {
        health("rotated").body("status", equalTo("HEALTHY"));

        client.secrets().inNamespace("rotated").withName(TLS_SECRET)
                .edit(secret -> new SecretBuilder(secret).addToData("ca.crt", base64(otherCa)).build());

        handshakeFailures("rotated");
    }

    @Test
    void anExplicitCheckTalksTlsWhenGivenTheCa() throws IOException {
        Map<String, Object> body = explicitCheck(Map.of("caCertificate", Files.readString(pem.caCertificate())));
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/health-checks")
                .then().statusCode(200).body("status", equalTo("HEALTHY"));

        given().contentType(ContentType.JSON).body(explicitCheck(Map.of("caCertificate", "not a certificate")))
                .when().post("/api/v1/health-checks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("tls.caCertificate"))
                .body("errors[0].rule", equalTo("pem-certificate"))
                .body(not(containsString("not a certificate")));
    }

    /** A fresh check: 200, and neither the password nor either CA's bytes in the answer. */
    private static ValidatableResponse health(String namespace) throws IOException {
        return given().queryParam("fresh", true)
                .when().get("/api/v1/namespaces/{ns}/valkey-clusters/{name}/health", namespace, CLUSTER)
                .then().statusCode(200)
                .body(allOf(not(containsString(TestCluster.PASSWORD)),
                        not(containsString(otherCa.lines().toList().get(1))),
                        not(containsString(Files.readAllLines(pem.caCertificate()).get(1)))));
    }

    private static ValidatableResponse trustFinding(String namespace) throws IOException {
        return health(namespace).body("status", equalTo("UNKNOWN"))
                .body("findings.check", equalTo(List.of("discovery.tls-trust")))
                .body("findings[0].severity", equalTo("CRITICAL"))
                .body("findings[0].message", containsString("never over plain TCP"))
                .body("topology.shards", emptyIterable());
    }

    private static void handshakeFailures(String namespace) throws IOException {
        health(namespace).body("status", equalTo("UNKNOWN"))
                .body("findings", hasSize(6))
                .body("findings.check", everyItem(equalTo("node.tls")))
                .body("findings.observed",
                        everyItem(containsString("(trusting ca.crt of Secret " + namespace + "/" + TLS_SECRET + ")")));
    }

    /** A ValkeyCluster with spec.tls and its pods; {@code tlsData} null: the TLS Secret does not exist. */
    private void tlsCluster(String namespace, Map<String, String> tlsData) throws IOException {
        KubernetesFixture fixture = new KubernetesFixture(client);
        fixture.cluster(namespace, CLUSTER, TestCluster.PASSWORD, Map.of("tls", Map.of("secretName", TLS_SECRET)));
        if (tlsData != null) {
            Map<String, String> data = new HashMap<>(Map.of("tls.crt", base64(Files.readString(pem.certificate())),
                    "tls.key", base64(Files.readString(pem.privateKey()))));
            tlsData.forEach((key, value) -> data.put(key, base64(value)));
            client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(TLS_SECRET)
                    .endMetadata().withType("kubernetes.io/tls").withData(data).build()).create();
        }
        pods(fixture, namespace);
    }

    private static void pods(KubernetesFixture fixture, String namespace) {
        for (int i = 0; i < 3; i++) {
            fixture.pod(namespace, CLUSTER, "primary", i, cluster.primary(i), TestCluster.zone(i));
            fixture.pod(namespace, CLUSTER, "replica", i, cluster.replica(i), TestCluster.zone(i + 1));
        }
    }

    private Map<String, Object> explicitCheck(Map<String, String> tls) {
        List<Map<String, Object>> endpoints = cluster.all().stream()
                .map(node -> Map.<String, Object>of("host", node.host(), "port", node.port())).toList();
        return Map.of("endpoints", endpoints, "password", TestCluster.PASSWORD, "tls", tls);
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}

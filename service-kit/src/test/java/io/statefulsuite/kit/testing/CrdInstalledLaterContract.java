package io.statefulsuite.kit.testing;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.kit.leader.LeaderElection;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * What every service does when it starts before its CRD is installed (a first Argo CD sync, a manual install): it
 * does not crash-loop, readiness is DOWN naming the CRD, no replica leads, and once the CRD appears the service
 * becomes ready and takes its Lease. A service's test binds it with {@code @QuarkusTest} and
 * {@code @WithTestResource(CrdAwareKubernetesServer.class)}.
 */
public abstract class CrdInstalledLaterContract {

    protected static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    protected KubernetesClient client;

    @Inject
    LeaderElection leader;

    /** {@code plural.group}; its manifest is {@code deploy/crds/<name>-v1.yml}. */
    protected abstract String crdName();

    /** Checks that the service's own work began, once it leads. */
    protected void workBegan() {
    }

    @Test
    void readinessNamesTheMissingCrdAndTheServiceLeadsOnceItIsInstalled() throws IOException {
        // right after start the gate may not have asked the API server yet ("not checked yet"), DOWN all the same
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                .body(containsString("custom-resources"))
                .body(containsString(crdName() + " is not installed")));
        assertThat(leader.isLeader()).as("nobody leads before the CRD is served").isFalse();

        try (InputStream manifest = Files.newInputStream(Path.of("../deploy/crds", crdName() + "-v1.yml"))) {
            client.load(manifest).create();
        }

        await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        await().atMost(PATIENCE).until(leader::isLeader);
        assertThat(client.resources(Lease.class).inNamespace(leader.namespace().orElseThrow()).list().getItems())
                .anySatisfy(lease -> assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(leader.identity()));
        workBegan();
    }
}

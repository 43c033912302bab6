package io.statefulsuite.health.k8s;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.statefulsuite.health.config.HealthConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/** Against the fabric8 mock API server in CRUD mode: a replica that lost the lease competes for it again. */
class LeaderElectionTest {

    private static final String NAMESPACE = "ops";
    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

    private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), new KubernetesCrudDispatcher(), false);
    private KubernetesClient client;
    private LeaderElection election;

    @AfterEach
    void stop() {
        if (election != null) {
            election.stop(null);
        }
        if (client != null) {
            client.close();
        }
        server.destroy();
    }

    @Test
    void aReplicaThatLostTheLeaseTakesItBackOnceTheOtherHolderIsGone() {
        server.init();
        client = server.createClient();
        election = new LeaderElection(client, config());
        election.start(null);
        await().atMost(Duration.ofSeconds(30)).until(election::isLeader);

        // another replica takes the lease, as after a missed renewal, and then dies without renewing it (a merge
        // patch without resourceVersion, so this replica's concurrent renewals cannot make it conflict)
        String now = MICRO_TIME.format(Instant.now().truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC));
        client.resources(Lease.class).inNamespace(NAMESPACE).withName(LeaderElection.LEASE_NAME)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\": {\"holderIdentity\": \"valkey-health-other\","
                        + " \"acquireTime\": \"" + now + "\", \"renewTime\": \"" + now + "\"}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> !election.isLeader());

        await().atMost(Duration.ofSeconds(30)).until(election::isLeader);
    }

    private static HealthConfig config() {
        HealthConfig.Leader leader = (HealthConfig.Leader) Proxy.newProxyInstance(
                HealthConfig.Leader.class.getClassLoader(), new Class<?>[] {HealthConfig.Leader.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "enabled" -> true;
                    case "namespace" -> Optional.of(NAMESPACE);
                    case "leaseDuration" -> Duration.ofSeconds(2);
                    case "renewDeadline" -> Duration.ofMillis(1500);
                    case "retryPeriod" -> Duration.ofMillis(200);
                    default -> null;
                });
        return (HealthConfig) Proxy.newProxyInstance(HealthConfig.class.getClassLoader(),
                new Class<?>[] {HealthConfig.class}, (proxy, method, args) -> "leader".equals(method.getName())
                        ? leader : null);
    }
}

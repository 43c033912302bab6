package io.statefulsuite.kit.leader;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Against the fabric8 mock API server in CRUD mode, reached through a kubeconfig whose context names no namespace
 * (what {@code az aks get-credentials} writes).
 */
class LeaderElectionTest {

    private static final String LEASE = "suite-leader";
    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

    private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), new KubernetesCrudDispatcher(), false);
    @TempDir
    Path temp;
    private KubernetesClient client;
    private LeaderElection election;

    @BeforeEach
    void start() {
        server.init();
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: aks
                  cluster: {server: "%s"}
                users:
                - name: pipeline
                  user: {token: not-checked}
                contexts:
                - name: aks
                  context: {cluster: aks, user: pipeline}
                current-context: aks
                """.formatted(server.url("/")), null)).build();
    }

    @AfterEach
    void stop() {
        if (election != null) {
            election.stop();
        }
        client.close();
        server.destroy();
    }

    @Test
    void theKubeconfigUsedHasNoNamespace() {
        assertThat(client.getNamespace()).isNull();
    }

    @Test
    void withoutAnyNamespaceTheServiceFailsAtStartNamingTheProperty() {
        assertThatThrownBy(() -> new LeaderElection(client, settings(Optional.empty()), outsideAPod(Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set stateful-suite.leader-election.namespace (or the POD_NAMESPACE environment variable)");
    }

    @Test
    void thePodNamespaceHoldsTheLeaseWhenTheKubeconfigNamesNone() {
        election = new LeaderElection(client, settings(Optional.empty()),
                outsideAPod(Map.of("POD_NAMESPACE", "stateful-suite")));
        election.start(() -> { }, () -> { });

        await().atMost(Duration.ofSeconds(30)).until(election::isLeader);
        assertThat(client.resources(Lease.class).inNamespace("stateful-suite").withName(LEASE).get()).isNotNull();
    }

    @Test
    void withElectionDisabledNoNamespaceIsNeededAndThisReplicaLeads() {
        AtomicInteger started = new AtomicInteger();
        election = new LeaderElection(client, disabled(), outsideAPod(Map.of()));
        election.start(started::incrementAndGet, () -> { });

        assertThat(election.isLeader()).isTrue();
        assertThat(started).hasValue(1);
        assertThat(election.namespace()).isEmpty();
    }

    @Test
    void aReplicaThatLostTheLeaseTakesItBackOnceTheOtherHolderIsGone() {
        AtomicInteger stopped = new AtomicInteger();
        election = new LeaderElection(client, settings(Optional.of("ops")), outsideAPod(Map.of()));
        election.start(() -> { }, stopped::incrementAndGet);
        await().atMost(Duration.ofSeconds(30)).until(election::isLeader);

        // another replica takes the lease, as after a missed renewal, and then dies without renewing it (a merge
        // patch without resourceVersion, so this replica's concurrent renewals cannot make it conflict)
        String now = MICRO_TIME.format(Instant.now().truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC));
        client.resources(Lease.class).inNamespace("ops").withName(LEASE)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\": {\"holderIdentity\": \"suite-other\","
                        + " \"acquireTime\": \"" + now + "\", \"renewTime\": \"" + now + "\"}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> !election.isLeader());
        assertThat(stopped).hasPositiveValue();

        await().atMost(Duration.ofSeconds(30)).until(election::isLeader);
    }

    private LeaseNamespace outsideAPod(Map<String, String> environment) {
        return new LeaseNamespace(environment::get, temp.resolve("no-service-account-namespace"));
    }

    private static LeaseSettings settings(Optional<String> namespace) {
        return settings(true, namespace);
    }

    private static LeaseSettings disabled() {
        return settings(false, Optional.empty());
    }

    private static LeaseSettings settings(boolean enabled, Optional<String> namespace) {
        return (LeaseSettings) Proxy.newProxyInstance(LeaseSettings.class.getClassLoader(),
                new Class<?>[] {LeaseSettings.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "enabled" -> enabled;
                    case "leaseName" -> LEASE;
                    case "namespace" -> namespace;
                    case "identity" -> Optional.of("suite-0");
                    case "leaseDuration" -> Duration.ofSeconds(2);
                    case "renewDeadline" -> Duration.ofMillis(1500);
                    case "retryPeriod" -> Duration.ofMillis(200);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

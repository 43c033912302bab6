package io.statefulsuite.secretssync.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;
import io.statefulsuite.keyvault.emulator.Operation;
import io.statefulsuite.secretssync.crd.SecretSync;
import io.statefulsuite.secretssync.domain.SyncKey;
import io.statefulsuite.secretssync.sync.SyncOutcome;
import io.statefulsuite.secretssync.sync.SyncScheduler;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A refresh with nothing changed costs ⌈N/25⌉ list calls, no GET and no Kubernetes write. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(KeyVaultEmulatorResource.class)
class RefreshBudgetTest {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @KeyVaultEmulatorResource.InjectEmulator
    KeyVaultEmulator vault;

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    SyncScheduler scheduler;

    @Test
    void noChangeRefreshListsOncePerVaultAndReadsNothing() throws InterruptedException {
        client.resources(SecretSync.class).inAnyNamespace().delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.knownSyncs().isEmpty());
        vault.reset();
        vault.setClock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
        for (int i = 0; i < 60; i++) {
            vault.seed("budget-%02d".formatted(i), "value-" + i, Map.of("set", i % 2 == 0 ? "even" : "odd"));
        }
        vault.setClock(Clock.systemUTC());
        Specs.put("budget", "by-name", Specs.body(vault.vaultUrl(), "by-name", """
                "dataFrom": [{"find": {"nameRegex": "budget-.*"}}]""")).statusCode(201);
        Specs.put("budget", "by-tag", Specs.body(vault.vaultUrl(), "by-tag", """
                "dataFrom": [{"find": {"tags": {"set": "even"}}}]""")).statusCode(201);
        Specs.put("budget", "single", Specs.body(vault.vaultUrl(), "single", """
                "data": [{"secretKey": "a", "remoteRef": {"name": "budget-07"}}]""")).statusCode(201);
        for (String name : List.of("by-name", "by-tag", "single")) {
            Specs.syncNow("budget", name).statusCode(200);
        }
        assertThat(Specs.data(client, "budget", "by-name")).hasSize(60).containsEntry("budget-42", "value-42");
        scheduler.refreshAllNow();
        drainKubernetesRequests();
        vault.counters().reset();

        Map<SyncKey, SyncOutcome> outcomes = scheduler.refreshAllNow();

        assertThat(outcomes).hasSize(3).allSatisfy((key, outcome) ->
                assertThat(outcome.result()).isEqualTo(SyncOutcome.UNCHANGED));
        assertThat(vault.counters().count(Operation.LIST)).isEqualTo(3); // ⌈60/25⌉, shared by the three syncs
        assertThat(vault.counters().count(Operation.GET)).isZero();
        assertThat(vault.counters().total()).isEqualTo(3);
        assertThat(drainKubernetesRequests()).noneMatch(request -> WRITES.contains(request.getMethod())
                && request.getPath().contains("/namespaces/budget/"));
    }

    @Test
    void changingOneSecretCostsOneGetAndOneWrite() throws InterruptedException {
        vault.setClock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
        vault.seed("budget-change-a", "a1");
        vault.seed("budget-change-b", "b1");
        vault.setClock(Clock.systemUTC());
        Specs.put("budget", "change", Specs.body(vault.vaultUrl(), "change", """
                "data": [{"secretKey": "a", "remoteRef": {"name": "budget-change-a"}},
                         {"secretKey": "b", "remoteRef": {"name": "budget-change-b"}}]""")).statusCode(201);
        Specs.syncNow("budget", "change").statusCode(200);
        vault.setClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
        vault.seed("budget-change-a", "a2");
        vault.setClock(Clock.systemUTC());
        drainKubernetesRequests();
        vault.counters().reset();

        Specs.syncNow("budget", "change").statusCode(200);

        assertThat(vault.counters().count(Operation.GET)).isEqualTo(1);
        assertThat(Specs.data(client, "budget", "change")).isEqualTo(Map.of("a", "a2", "b", "b1"));
        assertThat(drainKubernetesRequests()).filteredOn(r -> WRITES.contains(r.getMethod())
                && r.getPath().contains("/namespaces/budget/secrets/")).hasSize(1);
    }

    private List<RecordedRequest> drainKubernetesRequests() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.getKubernetesMockServer().takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
            requests.add(request);
        }
        return requests;
    }
}

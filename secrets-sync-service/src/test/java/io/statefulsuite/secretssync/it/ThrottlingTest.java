package io.statefulsuite.secretssync.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;
import io.statefulsuite.keyvault.emulator.Operation;
import io.statefulsuite.keyvault.emulator.RequestCounters;
import io.statefulsuite.secretssync.crd.SecretSync;
import io.statefulsuite.secretssync.sync.SyncScheduler;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** 429 answers are retried no earlier than Retry-After; throttling that outlasts retries is reported as such. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(KeyVaultEmulatorResource.class)
class ThrottlingTest {

    @KeyVaultEmulatorResource.InjectEmulator
    KeyVaultEmulator vault;

    @Inject
    KubernetesClient client;

    @Inject
    SyncScheduler scheduler;

    @Test
    void retryAfterIsHonoured() {
        vault.seed("thr-value", "v1");
        Specs.put("throttle", "honour", Specs.body(vault.vaultUrl(), "honour", """
                "data": [{"secretKey": "v", "remoteRef": {"name": "thr-value"}}]""")).statusCode(201);
        Specs.syncNow("throttle", "honour").statusCode(200);
        scheduler.refreshAllNow(); // the informer-driven sync of the new resource must not meet the faults
        vault.seed("thr-value", "v2");
        vault.counters().reset();
        vault.faults().throttleNext(2, 1, Operation.GET);

        Specs.syncNow("throttle", "honour").statusCode(200).body("outcome", equalTo("synced"));

        List<RequestCounters.Served> gets = vault.counters().history().stream()
                .filter(served -> served.operation() == Operation.GET).toList();
        assertThat(gets).extracting(RequestCounters.Served::status).containsExactly(429, 429, 200);
        for (int i = 1; i < gets.size(); i++) {
            assertThat(Duration.between(gets.get(i - 1).at(), gets.get(i).at()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
        assertThat(Specs.data(client, "throttle", "honour")).isEqualTo(Map.of("v", "v2"));
    }

    @Test
    void persistentThrottlingIsReportedAndKeepsTheTarget() {
        vault.seed("thr-kept", "kept");
        Specs.put("throttle", "persistent", Specs.body(vault.vaultUrl(), "persistent", """
                "data": [{"secretKey": "v", "remoteRef": {"name": "thr-kept"}}]""")).statusCode(201);
        Specs.syncNow("throttle", "persistent").statusCode(200);
        scheduler.refreshAllNow(); // the informer-driven sync of the new resource must not meet the faults
        vault.faults().throttleNext(10, 0, Operation.LIST);

        Specs.syncNow("throttle", "persistent").statusCode(200)
                .body("outcome", equalTo("failed")).body("reason", equalTo("Throttled"));
        vault.faults().clear();

        SecretSync resource = client.resources(SecretSync.class).inNamespace("throttle").withName("persistent").get();
        assertThat(resource.getStatus().conditions()).singleElement().satisfies(ready -> {
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getReason()).isEqualTo("Throttled");
        });
        assertThat(Specs.data(client, "throttle", "persistent")).isEqualTo(Map.of("v", "kept"));
    }
}

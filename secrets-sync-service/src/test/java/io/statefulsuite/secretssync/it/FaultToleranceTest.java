package io.statefulsuite.secretssync.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;
import io.statefulsuite.keyvault.emulator.Operation;
import io.statefulsuite.secretssync.sync.SyncScheduler;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Vault faults never empty, delete or corrupt a target: it always holds the last good data or the new data. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(KeyVaultEmulatorResource.class)
class FaultToleranceTest {

    @KeyVaultEmulatorResource.InjectEmulator
    KeyVaultEmulator vault;

    @Inject
    KubernetesClient client;

    @Inject
    SyncScheduler scheduler;

    @Test
    void hundredInjectedFaultsLeaveTheTargetIntact() {
        vault.seed("ft-login", "{\"user\":\"app\",\"password\":\"p0\"}");
        vault.seed("ft-token", "t0");
        Specs.put("faults", "guarded", Specs.body(vault.vaultUrl(), "guarded", """
                "data": [{"secretKey": "user", "remoteRef": {"name": "ft-login", "property": "user"}},
                         {"secretKey": "password", "remoteRef": {"name": "ft-login", "property": "password"}},
                         {"secretKey": "token", "remoteRef": {"name": "ft-token"}}]""")).statusCode(201);
        Specs.syncNow("faults", "guarded").statusCode(200);
        scheduler.refreshAllNow(); // the informer-driven sync of the new resource must not meet the faults
        Map<String, String> lastGood = Specs.data(client, "faults", "guarded");
        assertThat(lastGood).isEqualTo(Map.of("user", "app", "password", "p0", "token", "t0"));

        for (int i = 1; i <= 100; i++) {
            if (i % 7 == 0) {
                vault.seed("ft-login", "{\"user\":\"app\",\"password\":\"p" + i + "\"}");
            }
            inject(i);
            Specs.syncNow("faults", "guarded").statusCode(200);
            vault.faults().clear();
            restoreTokenIfDeleted(i);

            Map<String, String> now = Specs.data(client, "faults", "guarded");
            assertThat(now).as("fault %d", i).isIn(lastGood, expectedFromVault());
            lastGood = now;
        }

        Specs.syncNow("faults", "guarded").statusCode(200);
        assertThat(Specs.data(client, "faults", "guarded")).isEqualTo(expectedFromVault());
    }

    private void inject(int i) {
        switch (i % 5) {
            case 0 -> vault.faults().throttleNext(10, 0, Operation.LIST);
            case 1 -> vault.faults().failNext(10, 500, Operation.GET);
            case 2 -> vault.faults().failNext(10, 503);
            case 3 -> vault.faults().deleteAfterNext(Operation.LIST, "ft-token");
            default -> vault.faults().delayNext(1, Duration.ofMillis(200)).failNext(1, 500, Operation.LIST);
        }
    }

    private void restoreTokenIfDeleted(int i) {
        if (vault.store().latest("ft-token").isEmpty()) {
            vault.store().purge("ft-token");
            vault.seed("ft-token", "t" + i);
        }
    }

    private Map<String, String> expectedFromVault() {
        String login = vault.store().latest("ft-login").orElseThrow().value();
        String password = login.replaceAll(".*\"password\":\"([^\"]+)\".*", "$1");
        return Map.of("user", "app", "password", password, "token", vault.store().latest("ft-token").orElseThrow().value());
    }
}

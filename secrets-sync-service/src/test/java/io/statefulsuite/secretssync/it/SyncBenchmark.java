package io.statefulsuite.secretssync.it;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;
import io.statefulsuite.keyvault.emulator.Operation;
import io.statefulsuite.secretssync.crd.SecretSync;
import io.statefulsuite.secretssync.sync.SyncScheduler;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Benchmark, not a test (its name keeps it out of the normal run): 1,000 vault secrets in 100 SecretSyncs.
 * Reports time to converge, Key Vault calls of a no-change refresh and heap in use. Run:
 * {@code ./mvnw -B -pl secrets-sync-service verify -Dtest=SyncBenchmark}
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(KeyVaultEmulatorResource.class)
class SyncBenchmark {

    private static final int SECRETS = 1000;
    private static final int SYNCS = 100;

    @KeyVaultEmulatorResource.InjectEmulator
    KeyVaultEmulator vault;

    @Inject
    KubernetesClient client;

    @Inject
    SyncScheduler scheduler;

    @Test
    void thousandSecretsInHundredSyncs() throws Exception {
        vault.setClock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
        for (int i = 0; i < SECRETS; i++) {
            vault.seed("bench-%04d".formatted(i), "value-" + i, Map.of("group", Integer.toString(i / 10)));
        }
        vault.setClock(Clock.systemUTC());
        vault.counters().reset();

        long started = System.nanoTime();
        for (int s = 0; s < SYNCS; s++) {
            Specs.put("bench", "sync-" + s, Specs.body(vault.vaultUrl(), "sync-" + s, s % 2 == 0
                    ? "\"dataFrom\": [{\"find\": {\"tags\": {\"group\": \"" + s + "\"}}}]"
                    : "\"data\": [" + dataItems(s) + "]")).statusCode(201);
        }
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(this::allConverged);
        Duration converge = Duration.ofNanos(System.nanoTime() - started);
        long convergeLists = vault.counters().count(Operation.LIST);
        long convergeGets = vault.counters().count(Operation.GET);

        vault.counters().reset();
        long refreshStarted = System.nanoTime();
        scheduler.refreshAllNow();
        Duration refresh = Duration.ofNanos(System.nanoTime() - refreshStarted);
        long lists = vault.counters().count(Operation.LIST);
        long gets = vault.counters().count(Operation.GET);
        System.gc();
        long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);

        StringJoiner report = new StringJoiner("\n", "", "\n");
        report.add("secrets-sync benchmark: " + SECRETS + " vault secrets, " + SYNCS + " SecretSyncs (10 keys each)");
        report.add("time to converge (first PUT -> all targets complete): " + converge.toMillis() + " ms");
        report.add("Key Vault calls while converging: " + convergeLists + " list, " + convergeGets + " get");
        report.add("no-change refresh of all syncs: " + lists + " list (ceil(" + SECRETS + "/25) = "
                + (SECRETS + 24) / 25 + "), " + gets + " get, " + refresh.toMillis() + " ms");
        report.add("heap in use after GC: " + heapMb + " MB");
        System.out.print(report);
        Files.writeString(Path.of("target", "benchmark.txt"), report.toString());

        assertThat(gets).isZero();
    }

    private boolean allConverged() {
        return client.secrets().inNamespace("bench").list().getItems().stream()
                .filter(secret -> secret.getData() != null && secret.getData().size() == 10)
                .map(Secret::getMetadata).count() == SYNCS
                && client.resources(SecretSync.class).inNamespace("bench").list().getItems().size() == SYNCS;
    }

    private static String dataItems(int sync) {
        StringJoiner items = new StringJoiner(",");
        for (int k = 0; k < 10; k++) {
            items.add("{\"secretKey\": \"k" + k + "\", \"remoteRef\": {\"name\": \"bench-%04d\"}}".formatted(sync * 10 + k));
        }
        return items.toString();
    }
}

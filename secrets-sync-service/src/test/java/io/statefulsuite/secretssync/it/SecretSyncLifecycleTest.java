package io.statefulsuite.secretssync.it;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;
import io.statefulsuite.kit.leader.LeaderElection;
import io.statefulsuite.secretssync.crd.SecretSync;
import io.statefulsuite.secretssync.domain.DataItem;
import io.statefulsuite.secretssync.domain.RemoteRef;
import io.statefulsuite.secretssync.domain.SecretSyncSpec;
import io.statefulsuite.secretssync.domain.SyncKey;
import io.statefulsuite.secretssync.domain.Target;
import io.statefulsuite.secretssync.domain.VaultRef;
import io.statefulsuite.secretssync.sync.SyncScheduler;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The finalizer: added by PUT and by the first sync, it makes a deletion that happens while this replica does not
 * lead (or is down) still follow the policies once it leads again; everything kept per SecretSync is then forgotten.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(KeyVaultEmulatorResource.class)
class SecretSyncLifecycleTest {

    private static final String NS = "lifecycle";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @KeyVaultEmulatorResource.InjectEmulator
    KeyVaultEmulator vault;

    @Inject
    KubernetesClient client;

    @Inject
    SyncScheduler scheduler;

    @Inject
    LeaderElection leader;

    @Inject
    MeterRegistry registry;

    @Test
    void putAndTheFirstSyncAddTheFinalizer() {
        vault.seed("life-value", "v");
        Specs.put(NS, "via-rest", Specs.body(vault.vaultUrl(), "via-rest", """
                "data": [{"secretKey": "k", "remoteRef": {"name": "life-value"}}]""")).statusCode(201);
        assertThat(resource("via-rest").getMetadata().getFinalizers()).containsExactly(SecretSync.FINALIZER);

        client.resources(SecretSync.class).inNamespace(NS).resource(declared("via-kubectl")).create();

        await().atMost(PATIENCE).until(() -> resource("via-kubectl").hasFinalizer(SecretSync.FINALIZER));
        await().atMost(PATIENCE).until(() -> Specs.data(client, NS, "via-kubectl") != null);
    }

    @Test
    void aDeletionSeenWhileNotLeadingIsCompletedOnceLeading() {
        vault.seed("life-owned", "o");
        Specs.put(NS, "owned", Specs.bodyWithTarget(vault.vaultUrl(), """
                "data": [{"secretKey": "k", "remoteRef": {"name": "life-owned"}}],
                "target": {"name": "owned", "deletionPolicy": "Delete"}""")).statusCode(201);
        Specs.put(NS, "orphan", Specs.bodyWithTarget(vault.vaultUrl(), """
                "data": [{"secretKey": "k", "remoteRef": {"name": "life-owned"}}],
                "target": {"name": "orphan", "creationPolicy": "Orphan", "deletionPolicy": "Delete"}""")).statusCode(201);
        Specs.syncNow(NS, "owned").statusCode(200);
        Specs.syncNow(NS, "orphan").statusCode(200);

        takeTheLease();
        try {
            await().atMost(PATIENCE).until(() -> !leader.isLeader());
            client.resources(SecretSync.class).inNamespace(NS).withName("owned").delete();
            client.resources(SecretSync.class).inNamespace(NS).withName("orphan").delete();

            assertThat(resource("owned").isMarkedForDeletion()).isTrue();
            assertThat(Specs.data(client, NS, "owned")).isEqualTo(Map.of("k", "o"));
        } finally {
            releaseTheLease();
        }

        await().atMost(PATIENCE).until(() -> resource("owned") == null && resource("orphan") == null);
        assertThat(Specs.data(client, NS, "owned")).isNull();
        assertThat(Specs.data(client, NS, "orphan")).isEqualTo(Map.of("k", "o"));
    }

    @Test
    void everythingKeptPerSecretSyncIsForgottenWhenItIsDeleted() {
        vault.seed("life-forgotten", "f");
        Specs.put(NS, "forgotten", Specs.body(vault.vaultUrl(), "forgotten", """
                "data": [{"secretKey": "k", "remoteRef": {"name": "life-forgotten"}}]""")).statusCode(201);
        Specs.syncNow(NS, "forgotten").statusCode(200);
        SyncKey key = new SyncKey(NS, "forgotten");
        await().atMost(PATIENCE).until(() -> scheduler.knownSyncs().contains(key));
        assertThat(lastSuccessGauges("forgotten")).isOne();

        given().delete("/api/v1/namespaces/{ns}/secret-syncs/{name}", NS, "forgotten").then().statusCode(204);

        await().atMost(PATIENCE).until(() -> resource("forgotten") == null && !scheduler.knownSyncs().contains(key));
        assertThat(lastSuccessGauges("forgotten")).isZero();
        await().atMost(PATIENCE).until(() -> scheduler.syncsInFlight() == 0);
        assertThat(Specs.data(client, NS, "forgotten")).isNull();
    }

    private long lastSuccessGauges(String name) {
        return registry.find("secrets_sync_last_success_timestamp_seconds").tags("namespace", NS, "name", name)
                .gauges().size();
    }

    private SecretSync resource(String name) {
        return client.resources(SecretSync.class).inNamespace(NS).withName(name).get();
    }

    private SecretSync declared(String name) {
        SecretSync resource = new SecretSync();
        resource.setMetadata(new ObjectMetaBuilder().withNamespace(NS).withName(name).build());
        resource.setSpec(new SecretSyncSpec(new VaultRef(vault.vaultUrl(), null),
                List.of(new DataItem("k", new RemoteRef("life-value", null, null, null))), null,
                new Target(name, null, null, null, null, null, null, null), null));
        return resource;
    }

    /** Another replica holds the Lease, freshly renewed, for an hour. */
    private void takeTheLease() {
        client.leases().inNamespace(leader.namespace().orElseThrow()).withName("secrets-sync-leader").edit(lease -> {
            lease.getSpec().setHolderIdentity("another-replica");
            lease.getSpec().setLeaseDurationSeconds(3600);
            lease.getSpec().setRenewTime(ZonedDateTime.now());
            return lease;
        });
    }

    /** The other replica's Lease has run out, so this one acquires it again. */
    private void releaseTheLease() {
        client.leases().inNamespace(leader.namespace().orElseThrow()).withName("secrets-sync-leader").edit(lease -> {
            lease.getSpec().setLeaseDurationSeconds(1);
            lease.getSpec().setRenewTime(ZonedDateTime.now().minusHours(2));
            return lease;
        });
    }
}

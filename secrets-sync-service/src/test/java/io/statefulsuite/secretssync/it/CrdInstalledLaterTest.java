package io.statefulsuite.secretssync.it;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;
import io.statefulsuite.kit.testing.CrdAwareKubernetesServer;
import io.statefulsuite.kit.testing.CrdInstalledLaterContract;
import io.statefulsuite.secretssync.crd.SecretSync;
import io.statefulsuite.secretssync.domain.DataItem;
import io.statefulsuite.secretssync.domain.RemoteRef;
import io.statefulsuite.secretssync.domain.SecretSyncSpec;
import io.statefulsuite.secretssync.domain.Target;
import io.statefulsuite.secretssync.domain.VaultRef;

import java.util.List;

import static org.awaitility.Awaitility.await;

/** Started before the SecretSync CRD exists; it syncs once the CRD is installed. */
@QuarkusTest
@WithTestResource(CrdAwareKubernetesServer.class)
@WithTestResource(KeyVaultEmulatorResource.class)
class CrdInstalledLaterTest extends CrdInstalledLaterContract {

    @KeyVaultEmulatorResource.InjectEmulator
    KeyVaultEmulator vault;

    @Override
    protected String crdName() {
        return "secretsyncs.stateful.suite.io";
    }

    @Override
    protected void workBegan() {
        vault.seed("later-value", "v");
        SecretSync sync = new SecretSync();
        sync.setMetadata(new ObjectMetaBuilder().withNamespace("later").withName("later").build());
        sync.setSpec(new SecretSyncSpec(new VaultRef(vault.vaultUrl(), null),
                List.of(new DataItem("k", new RemoteRef("later-value", null, null, null))), null,
                new Target("later", null, null, null, null, null, null, null), null));
        client.resources(SecretSync.class).inNamespace("later").resource(sync).create();
        await().atMost(PATIENCE).until(() -> client.secrets().inNamespace("later").withName("later").get() != null);
    }
}

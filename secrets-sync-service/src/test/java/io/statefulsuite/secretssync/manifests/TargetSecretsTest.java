package io.statefulsuite.secretssync.manifests;

import io.statefulsuite.secretssync.domain.DataItem;
import io.statefulsuite.secretssync.domain.RemoteRef;
import io.statefulsuite.secretssync.domain.SecretSyncSpec;
import io.statefulsuite.secretssync.domain.SyncKey;
import io.statefulsuite.secretssync.domain.Target;
import io.statefulsuite.secretssync.domain.TargetData;
import io.statefulsuite.secretssync.domain.VaultRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TargetSecretsTest {

    private static final TargetSecrets.Owner OWNER =
            new TargetSecrets.Owner("stateful.suite.io/v1alpha1", "SecretSync", new SyncKey("ns", "sync"), "uid-1");

    private static SecretSyncSpec spec(String creationPolicy, Boolean immutable) {
        return new SecretSyncSpec(new VaultRef("https://v.vault.azure.net", null),
                java.util.List.of(new DataItem("k", new RemoteRef("a", null, null, null))), null,
                new Target("target", null, Map.of("team", "a"), null, creationPolicy, null, immutable, null), null);
    }

    private static TargetData data(String value) {
        return new TargetData(Map.of("k", value.getBytes(StandardCharsets.UTF_8)));
    }

    private static Secret created(String creationPolicy, String value) {
        Secret secret = ((TargetSecrets.Create) TargetSecrets.plan(OWNER, spec(creationPolicy, null), data(value), null))
                .secret();
        secret.getMetadata().setResourceVersion("7");
        return secret;
    }

    @Test
    void createsLabelledOwnedSecret() {
        Secret secret = created("Owner", "v");

        assertThat(secret.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "secrets-sync")
                .containsEntry("team", "a");
        assertThat(secret.getMetadata().getAnnotations()).containsEntry(TargetSecrets.HASH_ANNOTATION, data("v").hash())
                .containsEntry(TargetSecrets.OWNER_ANNOTATION, "ns/sync");
        assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(ref -> assertThat(ref.getUid()).isEqualTo("uid-1"));
        assertThat(created("Orphan", "v").getMetadata().getOwnerReferences()).isEmpty();
    }

    @Test
    void sameContentIsUnchangedAndNewContentUpdatesWithTheResourceVersion() {
        Secret existing = created("Owner", "v");

        assertThat(TargetSecrets.plan(OWNER, spec("Owner", null), data("v"), existing))
                .isInstanceOf(TargetSecrets.Unchanged.class);
        TargetSecrets.Write write = TargetSecrets.plan(OWNER, spec("Owner", null), data("w"), existing);
        assertThat(write).isInstanceOf(TargetSecrets.Update.class);
        assertThat(((TargetSecrets.Update) write).secret().getMetadata().getResourceVersion()).isEqualTo("7");
    }

    @Test
    void immutableSecretsAreRecreated() {
        Secret existing = created("Owner", "v");
        existing.setImmutable(true);

        assertThat(TargetSecrets.plan(OWNER, spec("Owner", true), data("w"), existing))
                .isInstanceOf(TargetSecrets.Recreate.class);
    }

    @Test
    void foreignSecretIsRefusedUnlessMergeAndMergeKeepsForeignKeys() {
        Secret foreign = new SecretBuilder().withNewMetadata().withName("target").withNamespace("ns").endMetadata()
                .addToData("theirs", "eA==").build();

        assertThat(TargetSecrets.plan(OWNER, spec("Owner", null), data("v"), foreign))
                .isInstanceOf(TargetSecrets.Refused.class);
        Secret merged = ((TargetSecrets.Update) TargetSecrets.plan(OWNER, spec("Merge", null), data("v"), foreign)).secret();
        assertThat(merged.getData()).containsKeys("theirs", "k");
        assertThat(merged.getMetadata().getLabels()).isNullOrEmpty();
        Secret stripped = ((TargetSecrets.Update) TargetSecrets.removal(OWNER, spec("Merge", null), merged)).secret();
        assertThat(stripped.getData()).containsOnlyKeys("theirs");
    }

    @Test
    void mergeIntoAMissingSecretIsRefused() {
        assertThat(TargetSecrets.plan(OWNER, spec("Merge", null), data("v"), null)).isInstanceOf(TargetSecrets.Refused.class);
    }
}

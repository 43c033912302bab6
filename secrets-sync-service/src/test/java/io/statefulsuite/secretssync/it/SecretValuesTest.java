package io.statefulsuite.secretssync.it;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;
import io.statefulsuite.keyvault.emulator.SecretVersion;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

/** Values arrive in the target Secret exactly, for every way a spec can read them. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(KeyVaultEmulatorResource.class)
class SecretValuesTest {

    @KeyVaultEmulatorResource.InjectEmulator
    KeyVaultEmulator vault;

    @Inject
    KubernetesClient client;

    @Test
    void dataItemsWithPropertyDecodingAndPinnedVersion() {
        vault.seed("plain-one", "hello world");
        vault.seed("json-one", "{\"user\":\"admin\",\"db\":{\"port\":6379},\"a.b\":\"dotted\"}");
        vault.seed("b64-one", Specs.b64("binary\u0001payload"));
        vault.seed("auto-plain", "not base64!");
        SecretVersion first = vault.seed("pinned-one", "first");
        vault.seed("pinned-one", "second");

        Specs.put("values", "data-items", Specs.body(vault.vaultUrl(), "data-items-target", """
                "data": [
                  {"secretKey": "plain", "remoteRef": {"name": "plain-one"}},
                  {"secretKey": "user", "remoteRef": {"name": "json-one", "property": "user"}},
                  {"secretKey": "port", "remoteRef": {"name": "json-one", "property": "db.port"}},
                  {"secretKey": "dotted", "remoteRef": {"name": "json-one", "property": "a.b"}},
                  {"secretKey": "whole", "remoteRef": {"name": "json-one", "property": "db"}},
                  {"secretKey": "decoded", "remoteRef": {"name": "b64-one", "decodingStrategy": "Base64"}},
                  {"secretKey": "auto-decoded", "remoteRef": {"name": "b64-one", "decodingStrategy": "Auto"}},
                  {"secretKey": "auto-plain", "remoteRef": {"name": "auto-plain", "decodingStrategy": "Auto"}},
                  {"secretKey": "pinned", "remoteRef": {"name": "pinned-one", "version": "%s"}},
                  {"secretKey": "latest", "remoteRef": {"name": "pinned-one"}}
                ]""".formatted(first.version()))).statusCode(201);
        Specs.syncNow("values", "data-items").statusCode(200).body("outcome", oneOf("synced", "unchanged"));

        assertThat(Specs.data(client, "values", "data-items-target")).isEqualTo(Map.of(
                "plain", "hello world", "user", "admin", "port", "6379", "dotted", "dotted",
                "whole", "{\"port\":6379}", "decoded", "binary\u0001payload", "auto-decoded", "binary\u0001payload",
                "auto-plain", "not base64!", "pinned", "first", "latest", "second"));
    }

    @Test
    void dataFromFindByNameAndTagsWithRewriteAndExtract() {
        vault.seed("app-db-password", "pw1", Map.of("team", "a"));
        vault.seed("app-db-user", "user1", Map.of("team", "a"));
        vault.seed("app-cache-password", "pw2", Map.of("team", "b"));
        vault.seed("bundle", "{\"host\":\"db.local\",\"port\":5432}");

        Specs.put("values", "data-from", Specs.body(vault.vaultUrl(), "data-from-target", """
                "dataFrom": [
                  {"find": {"nameRegex": "app-.*", "tags": {"team": "a"}},
                   "rewrite": [{"source": "^app-db-", "target": "db_"}]},
                  {"extract": {"name": "bundle"}, "rewrite": [{"source": "^", "target": "conn-"}]}
                ]""")).statusCode(201);
        Specs.syncNow("values", "data-from").statusCode(200);

        assertThat(Specs.data(client, "values", "data-from-target")).isEqualTo(Map.of(
                "db_password", "pw1", "db_user", "user1", "conn-host", "db.local", "conn-port", "5432"));
    }

    @Test
    void templateRendersValkeyPasswordFileAndTlsTypeKeepsItsKeys() {
        vault.seed("valkey-password", "Sup3r-Secret");
        vault.seed("tls-cert", "CERT");
        vault.seed("tls-key", "KEY");

        Specs.put("values", "templated", Specs.bodyWithTarget(vault.vaultUrl(), """
                "data": [{"secretKey": "password", "remoteRef": {"name": "valkey-password"}}],
                "target": {"name": "templated-target", "template": {"data": {
                   "valkey-auth.conf": "requirepass {{ .password }}\\nmasterauth {{ index . \\"password\\" }}\\n",
                   "password": "{{ .password }}", "b64": "{{ .password | b64enc }}"}}}""")).statusCode(201);
        Specs.put("values", "tls", Specs.bodyWithTarget(vault.vaultUrl(), """
                "data": [{"secretKey": "tls.crt", "remoteRef": {"name": "tls-cert"}},
                         {"secretKey": "tls.key", "remoteRef": {"name": "tls-key"}}],
                "target": {"name": "tls-target", "type": "kubernetes.io/tls", "labels": {"team": "a"}}""")).statusCode(201);
        Specs.syncNow("values", "templated").statusCode(200);
        Specs.syncNow("values", "tls").statusCode(200);

        assertThat(Specs.data(client, "values", "templated-target")).isEqualTo(Map.of(
                "valkey-auth.conf", "requirepass Sup3r-Secret\nmasterauth Sup3r-Secret\n",
                "password", "Sup3r-Secret", "b64", Specs.b64("Sup3r-Secret")));
        Secret tls = client.secrets().inNamespace("values").withName("tls-target").get();
        assertThat(tls.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(tls.getMetadata().getLabels()).containsEntry("team", "a")
                .containsEntry("app.kubernetes.io/managed-by", "secrets-sync");
        assertThat(tls.getMetadata().getAnnotations()).containsKey("secrets-sync.stateful.suite.io/data-hash");
        assertThat(tls.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("SecretSync"));
    }

    @Test
    void changedValueArrivesOnTheNextSyncAndStatusRecordsVersionsOnly() {
        vault.seed("rotating", "v1");
        Specs.put("values", "rotation", Specs.body(vault.vaultUrl(), "rotation-target", """
                "data": [{"secretKey": "value", "remoteRef": {"name": "rotating"}}]""")).statusCode(201);
        Specs.syncNow("values", "rotation").statusCode(200);
        SecretVersion second = vault.seed("rotating", "v2");

        // "unchanged" when the informer-driven sync of the new resource got to v2 first
        Specs.syncNow("values", "rotation").statusCode(200).body("outcome", oneOf("synced", "unchanged"))
                .body("versions.rotating", equalTo(second.version()));

        assertThat(Specs.data(client, "values", "rotation-target")).containsEntry("value", "v2");
    }

    @Test
    void newAndChangedResourcesAreSyncedWithoutBeingAsked() {
        vault.seed("informed-one", "one");
        vault.seed("informed-two", "two");
        Specs.put("values", "informed", Specs.body(vault.vaultUrl(), "informed-target", """
                "data": [{"secretKey": "one", "remoteRef": {"name": "informed-one"}}]""")).statusCode(201);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Specs.data(client, "values", "informed-target")).isEqualTo(Map.of("one", "one")));

        Specs.put("values", "informed", Specs.body(vault.vaultUrl(), "informed-target", """
                "data": [{"secretKey": "one", "remoteRef": {"name": "informed-one"}},
                         {"secretKey": "two", "remoteRef": {"name": "informed-two"}}]""")).statusCode(200);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Specs.data(client, "values", "informed-target")).isEqualTo(Map.of("one", "one", "two", "two")));
    }
}

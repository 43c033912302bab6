package io.statefulsuite.local.apiserver;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test server's server-side apply behaves like a real API server where our tests rely on it. */
class ServerSideApplyDispatcherTest {

    private ApplyAwareMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = ApplyAwareMockServer.create();
        server.init();
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void applyCreatesThenMergesAndAnUnchangedApplyKeepsTheResourceVersion() {
        ConfigMap created = apply(configMap(Map.of("a", "1")));
        assertThat(created.getMetadata().getResourceVersion()).isNotNull();

        ConfigMap same = apply(configMap(Map.of("a", "1")));
        assertThat(same.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());

        ConfigMap changed = apply(configMap(Map.of("a", "2")));
        assertThat(changed.getMetadata().getResourceVersion()).isNotEqualTo(created.getMetadata().getResourceVersion());
        assertThat(changed.getData()).containsEntry("a", "2");
        assertThat(changed.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
    }

    @Test
    void clusterScopedObjectsAreAppliedTheSameWay() {
        StorageClass first = apply(storageClass());
        StorageClass second = apply(storageClass());

        assertThat(second.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
    }

    @Test
    void expectationsStillWinOverApply() {
        server.expect().patch().withPath("/api/v1/namespaces/ns/configmaps/cm?fieldManager=test&force=true")
                .andReturn(403, "{\"kind\":\"Status\",\"code\":403}").once();

        assertThatThrownBy(() -> apply(configMap(Map.of("a", "1")))).isInstanceOf(KubernetesClientException.class);
        assertThat(apply(configMap(Map.of("a", "1"))).getData()).containsEntry("a", "1");
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> T apply(T object) {
        return client.resource(object).fieldManager("test").forceConflicts().serverSideApply();
    }

    private static ConfigMap configMap(Map<String, String> data) {
        return new ConfigMapBuilder().withNewMetadata().withName("cm").withNamespace("ns").endMetadata()
                .withData(data).build();
    }

    private static StorageClass storageClass() {
        return new StorageClassBuilder().withNewMetadata().withName("fast").withLabels(Map.of("x", "y")).endMetadata()
                .withProvisioner("disk.csi.azure.com").withParameters(Map.of("skuName", "Premium_ZRS"))
                .withReclaimPolicy("Delete").withAllowVolumeExpansion(true)
                .withVolumeBindingMode("WaitForFirstConsumer").build();
    }
}

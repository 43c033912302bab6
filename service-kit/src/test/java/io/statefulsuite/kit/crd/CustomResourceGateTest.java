package io.statefulsuite.kit.crd;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.statefulsuite.kit.testing.CrdAwareDispatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Against a mock API server that, like a real one, answers 404 for a custom resource without its CRD. */
class CustomResourceGateTest {

    private static final ResourceDefinitionContext WIDGETS = new ResourceDefinitionContext.Builder()
            .withGroup("example.io").withVersion("v1").withKind("Widget").withPlural("widgets").withNamespaced(true)
            .build();

    private final KubernetesMockServer server = CrdAwareDispatcher.newServer();
    private KubernetesClient client;
    private CustomResourceGate gate;

    @BeforeEach
    void start() {
        server.init();
        client = server.createClient();
        gate = new CustomResourceGate(client, WIDGETS, Duration.ofMillis(20), Duration.ofMillis(100));
    }

    @AfterEach
    void stop() {
        gate.stop();
        client.close();
        server.destroy();
    }

    @Test
    void waitsWithoutTheCrdNamesItAndStartsTheWorkOnceItIsInstalled() {
        AtomicInteger started = new AtomicInteger();
        gate.whenServed(started::incrementAndGet);

        await().atMost(Duration.ofSeconds(10)).until(() -> gate.problem().orElse("").contains("not installed"));
        assertThat(gate.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("CustomResourceDefinition widgets.example.io is not installed"));
        assertThat(started).hasValue(0);

        installCrd();
        await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 1);
        assertThat(gate.problem()).isEmpty();
    }

    @Test
    void workThatFailsIsTriedAgain() {
        installCrd();
        AtomicInteger attempts = new AtomicInteger();
        gate.whenServed(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("informer could not list");
            }
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() == 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.problem().isEmpty());
    }

    @Test
    void theReadinessCheckIsDownNamingTheCrdUntilItIsServed() {
        gate.whenServed(() -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.problem().orElse("").contains("not installed"));
        assertThat(CustomResourcesReadiness.report(List.of(gate)).getStatus().name()).isEqualTo("DOWN");
        assertThat(CustomResourcesReadiness.report(List.of(gate)).getData()).hasValueSatisfying(data -> assertThat(data.get("widgets.example.io"))
                .asString().contains("not installed"));

        installCrd();
        await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(CustomResourcesReadiness.report(List.of(gate)).getStatus().name()));
    }

    private void installCrd() {
        client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("widgets.example.io").endMetadata()
                .withNewSpec().withGroup("example.io").withScope("Namespaced")
                .withNewNames().withKind("Widget").withPlural("widgets").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
                .endSpec().build()).create();
    }
}

package io.statefulsuite.kit.testing;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.kubernetes.client.AbstractKubernetesTestResource;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;

import java.lang.annotation.Annotation;

/**
 * A Quarkus test resource for a fabric8 mock API server of the test's own making (stricter or smarter than
 * {@code @WithKubernetesTestServer}'s); the test injects it with {@code @KubernetesTestServer}.
 */
public abstract class MockServerTestResource<S extends KubernetesMockServer>
        extends AbstractKubernetesTestResource<S, NamespacedKubernetesClient> {

    private final Class<S> serverType;
    private NamespacedKubernetesClient client;

    protected MockServerTestResource(Class<S> serverType) {
        this.serverType = serverType;
    }

    @Override
    protected void initServer() {
        server.init();
    }

    @Override
    protected NamespacedKubernetesClient getClient() {
        if (client == null) {
            client = server.createClient();
        }
        return client;
    }

    @Override
    public void stop() {
        if (client != null) {
            client.close();
        }
        server.destroy();
    }

    @Override
    protected Class<?> getInjectedClass() {
        return serverType;
    }

    @Override
    protected Class<? extends Annotation> getInjectionAnnotation() {
        return KubernetesTestServer.class;
    }
}

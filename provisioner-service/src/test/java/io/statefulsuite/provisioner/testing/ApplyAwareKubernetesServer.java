package io.statefulsuite.provisioner.testing;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.quarkus.test.kubernetes.client.AbstractKubernetesTestResource;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.statefulsuite.local.apiserver.ApplyAwareMockServer;

import java.lang.annotation.Annotation;

/**
 * Like {@code @WithKubernetesTestServer(crud = true)}, but with the local stack's {@link ApplyAwareMockServer},
 * which also understands server-side apply. Use with {@code @WithTestResource(ApplyAwareKubernetesServer.class)}
 * and inject {@code @KubernetesTestServer ApplyAwareMockServer server}.
 */
public class ApplyAwareKubernetesServer
        extends AbstractKubernetesTestResource<ApplyAwareMockServer, NamespacedKubernetesClient> {

    private NamespacedKubernetesClient client;

    @Override
    public ApplyAwareMockServer createServer() {
        return ApplyAwareMockServer.create();
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
        return ApplyAwareMockServer.class;
    }

    @Override
    protected Class<? extends Annotation> getInjectionAnnotation() {
        return KubernetesTestServer.class;
    }
}

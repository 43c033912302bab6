package io.statefulsuite.provisioner.testing;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.quarkus.test.kubernetes.client.AbstractKubernetesTestResource;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;

import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * Like {@code @WithKubernetesTestServer(crud = true)}, but the CRUD mock also understands server-side apply (see
 * {@link ServerSideApplyDispatcher}). Use with {@code @WithTestResource(ApplyAwareKubernetesServer.class)} and inject
 * {@code @KubernetesTestServer ApplyAwareMockServer server}.
 */
public class ApplyAwareKubernetesServer
        extends AbstractKubernetesTestResource<ApplyAwareKubernetesServer.ApplyAwareMockServer, NamespacedKubernetesClient> {

    private NamespacedKubernetesClient client;

    @Override
    public ApplyAwareMockServer createServer() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        ServerSideApplyDispatcher dispatcher =
                new ServerSideApplyDispatcher(new KubernetesMixedDispatcher(expectations), expectations);
        return new ApplyAwareMockServer(expectations, dispatcher);
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

    /** The mock server plus what the tests need to see: the apply-aware dispatcher and its request counts. */
    public static final class ApplyAwareMockServer extends KubernetesMockServer {

        private final ServerSideApplyDispatcher dispatcher;

        ApplyAwareMockServer(Map<ServerRequest, Queue<ServerResponse>> expectations,
                             ServerSideApplyDispatcher dispatcher) {
            super(new io.fabric8.mockwebserver.Context(), new MockWebServer(), expectations, dispatcher, false);
            this.dispatcher = dispatcher;
        }

        public ServerSideApplyDispatcher dispatcher() {
            return dispatcher;
        }
    }
}

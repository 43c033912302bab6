package io.statefulsuite.kit.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * Like {@code @WithKubernetesTestServer(crud = true)}, but custom resources answer 404 until their CRD is created
 * ({@link CrdAwareDispatcher}): for tests of a service that starts before its CRD is installed. Use with
 * {@code @WithTestResource(CrdAwareKubernetesServer.class)}.
 */
public class CrdAwareKubernetesServer extends MockServerTestResource<KubernetesMockServer> {

    public CrdAwareKubernetesServer() {
        super(KubernetesMockServer.class);
    }

    @Override
    public KubernetesMockServer createServer() {
        return CrdAwareDispatcher.newServer();
    }
}

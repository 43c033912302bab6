package io.statefulsuite.provisioner.testing;

import io.statefulsuite.kit.testing.MockServerTestResource;
import io.statefulsuite.local.apiserver.ApplyAwareMockServer;

/**
 * Like {@code @WithKubernetesTestServer(crud = true)}, but with the local stack's {@link ApplyAwareMockServer},
 * which also understands server-side apply. Use with {@code @WithTestResource(ApplyAwareKubernetesServer.class)}
 * and inject {@code @KubernetesTestServer ApplyAwareMockServer server}.
 */
public class ApplyAwareKubernetesServer extends MockServerTestResource<ApplyAwareMockServer> {

    public ApplyAwareKubernetesServer() {
        super(ApplyAwareMockServer.class);
    }

    @Override
    public ApplyAwareMockServer createServer() {
        return ApplyAwareMockServer.create();
    }
}

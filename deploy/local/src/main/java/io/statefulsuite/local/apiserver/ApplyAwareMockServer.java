package io.statefulsuite.local.apiserver;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's mock API server in CRUD mode that also understands server-side apply (see
 * {@link ServerSideApplyDispatcher}); expectations set with {@code expect()} still win, for fault injection.
 * Used by the local stack and by the services' tests.
 */
public final class ApplyAwareMockServer extends KubernetesMockServer {

    private final ServerSideApplyDispatcher dispatcher;

    private ApplyAwareMockServer(Map<ServerRequest, Queue<ServerResponse>> expectations,
                                 ServerSideApplyDispatcher dispatcher) {
        super(new Context(), new MockWebServer(), expectations, dispatcher, false);
        this.dispatcher = dispatcher;
    }

    /** A new server, not yet listening: call {@code init()} or {@code init(address, port)}. */
    public static ApplyAwareMockServer create() {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        return new ApplyAwareMockServer(expectations,
                new ServerSideApplyDispatcher(new KubernetesMixedDispatcher(expectations), expectations));
    }

    /** The dispatcher, with its request counts. */
    public ServerSideApplyDispatcher dispatcher() {
        return dispatcher;
    }
}

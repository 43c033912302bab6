package io.statefulsuite.local.apiserver;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.net.InetAddress;

/**
 * The local stand-in for kube-apiserver: fabric8's mock server in CRUD mode, taught server-side apply and the pods'
 * binding subresource, on a fixed loopback port. It stores and watches objects but validates nothing and runs no
 * controllers (the workload runner plays those).
 */
public final class LocalApiServer implements AutoCloseable {

    private final ApplyAwareMockServer server;
    private final KubernetesClient client;

    private LocalApiServer(ApplyAwareMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    public static LocalApiServer start(int port) {
        ApplyAwareMockServer server = ApplyAwareMockServer.create();
        server.init(InetAddress.getLoopbackAddress(), port);
        return new LocalApiServer(server);
    }

    /** Requests seen so far, by kind (applies, bindings). */
    public ServerSideApplyDispatcher requests() {
        return server.dispatcher();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** A client with full rights, for the stack itself. */
    public KubernetesClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}

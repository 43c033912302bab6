package io.statefulsuite.provisioner.peers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Plays secrets-sync-service and valkey-health-service at the HTTP level for the provisioner's tests (the real
 * services run together in the end-to-end tests): each request is recorded and answered by the current handler.
 */
public final class StandInPeers implements AutoCloseable {

    /** One request as the peer saw it. */
    public record Call(String method, String path, String authorization, String body) {
    }

    /** What the peer answers: status and JSON body. */
    public record Answer(int status, String body) {
        public static Answer json(String body) {
            return new Answer(200, body);
        }
    }

    private static StandInPeers shared;
    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Function<Call, Answer> handler = call -> new Answer(503, "{\"detail\":\"not set up\"}");

    private StandInPeers(SSLContext tls) {
        try {
            InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
            if (tls == null) {
                server = HttpServer.create(loopback, 0);
            } else {
                HttpsServer https = HttpsServer.create(loopback, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::serve);
        server.start();
    }

    /** The one instance of a test JVM: its URL goes into the provisioner's config before Quarkus starts. */
    public static synchronized StandInPeers shared() {
        if (shared == null) {
            shared = new StandInPeers(null);
        }
        return shared;
    }

    /** Peers serving HTTPS with the certificate of {@code tls}, on 127.0.0.1 (which the test certificates name). */
    public static StandInPeers overHttps(SSLContext tls) {
        return new StandInPeers(tls);
    }

    public String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    public void answer(Function<Call, Answer> handler) {
        this.handler = handler;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public void clear() {
        calls.clear();
    }

    private void serve(HttpExchange exchange) throws IOException {
        Call call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        calls.add(call);
        Answer answer = handler.apply(call);
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type",
                answer.status() >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

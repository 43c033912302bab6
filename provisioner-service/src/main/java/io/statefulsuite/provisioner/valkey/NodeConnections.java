package io.statefulsuite.provisioner.valkey;

import io.smallrye.mutiny.Uni;
import io.statefulsuite.provisioner.domain.NodeTransport;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * One standalone connection per pod for the length of a pass, created on first use and closed with the pass:
 * a pass sends a few dozen commands to each pod, so reusing its connection matters, keeping it idle between
 * passes does not. Every command is bounded by the command timeout. Blocking, except {@link #pipeline}: call from a worker
 * thread. Not thread-safe: one pass, one thread. Over TLS when the cluster has {@code spec.tls} (see {@link #secure}).
 */
final class NodeConnections implements AutoCloseable {

    static final int CLIENT_PORT = 6379;
    private final Vertx vertx;
    private final String password;
    private final NodeTransport transport;
    private final Duration timeout;
    private final Map<String, Redis> clients = new HashMap<>();

    NodeConnections(Vertx vertx, String password, NodeTransport transport, Duration timeout) {
        this.vertx = vertx;
        this.password = password;
        this.transport = transport;
        this.timeout = timeout;
    }

    /** Sends one command to the Valkey node at {@code ip}; its reply as text (bulk/simple string or integer). */
    String send(String ip, Command command, String... args) {
        return send(ip, request(command, args));
    }

    /** Sends a request built by the caller, e.g. one with binary arguments; its reply as text. */
    String send(String ip, Request request) {
        Response response = await(ip, request);
        return response == null ? null : response.toString();
    }

    /**
     * Sends one command whose reply is an array of bulk strings, e.g. CLUSTER GETKEYSINSLOT, and returns them as
     * bytes: keys are binary, and a key that is no valid UTF-8 would not survive a trip through a String.
     */
    List<byte[]> sendForBytes(String ip, Command command, String... args) {
        Response response = await(ip, request(command, args));
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; response != null && i < response.size(); i++) {
            items.add(response.get(i).toBytes());
        }
        return items;
    }

    private Response await(String ip, Request request) {
        return client(ip).send(request).ifNoItem().after(timeout).fail().await().atMost(timeout.plusSeconds(1));
    }

    private static Request request(Command command, List<String> args) {
        Request request = Request.cmd(command);
        args.forEach(request::arg);
        return request;
    }

    private static Request request(Command command, String... args) {
        return request(command, List.of(args));
    }

    /** Pipelines one command per argument list to the node at {@code ip}; their replies as text, in order. */
    List<String> batch(String ip, Command command, List<List<String>> argumentLists) {
        if (argumentLists.isEmpty()) {
            return List.of();
        }
        List<Request> requests = argumentLists.stream().map(arguments -> request(command, arguments)).toList();
        return pipeline(ip, requests).await().atMost(batchTimeout(requests).plusSeconds(1));
    }

    /**
     * Pipelines the requests to the node at {@code ip} without waiting: their replies as text, in order, or a
     * failure once the command timeout (per thousand requests) is up. Several nodes can so be asked at once.
     */
    Uni<List<String>> pipeline(String ip, List<Request> requests) {
        Duration within = batchTimeout(requests);
        return client(ip).batch(requests).ifNoItem().after(within)
                .failWith(() -> new TimeoutException("no reply within " + within.toMillis() + " ms"))
                .map(replies -> replies.stream().map(String::valueOf).toList());
    }

    private Duration batchTimeout(List<Request> requests) {
        return timeout.multipliedBy(1 + requests.size() / 1000);
    }

    private Redis client(String ip) {
        return clients.computeIfAbsent(ip, address -> {
            RedisOptions options = new RedisOptions()
                    .setType(RedisClientType.STANDALONE)
                    .setConnectionString(connectionString(address, transport))
                    .setPassword(password)
                    .setPreferredProtocolVersion(ProtocolVersion.RESP2)
                    .setMaxPoolSize(1)
                    .setMaxPoolWaiting(64);
            options.getNetClientOptions().setConnectTimeout((int) timeout.toMillis());
            if (transport.isTls()) {
                secure(options.getNetClientOptions(), transport);
            }
            return Redis.createClient(vertx, options);
        });
    }

    /**
     * TLS that trusts the cluster's CA and nothing else (not the JVM's default trust store). The chain is verified,
     * the host name is not (empty algorithm): nodes are reached by pod IP, which certificates rarely list and which
     * changes whenever a pod moves. So any holder of a certificate from this CA can answer for any node: give each
     * cluster a CA (or issuer) of its own.
     */
    static void secure(NetClientOptions options, NodeTransport transport) {
        options.setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(transport.trustedCaPem())))
                .setHostnameVerificationAlgorithm("");
    }

    /** An IPv6 pod IP needs brackets in the URI, or its last group would be read as the port. */
    static String connectionString(String ip, NodeTransport transport) {
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        return (transport.isTls() ? "rediss://" : "redis://") + host + ":" + CLIENT_PORT;
    }

    @Override
    public void close() {
        clients.values().forEach(Redis::close);
        clients.clear();
    }
}

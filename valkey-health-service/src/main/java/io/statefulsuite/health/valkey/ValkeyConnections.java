package io.statefulsuite.health.valkey;

import io.statefulsuite.health.domain.NodeAccess;
import io.statefulsuite.health.domain.TrustedCa;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One small connection pool per node and access (host, port, password, TLS trust), reused across checks. The map is
 * bounded (least recently used pools are closed), so a churn of pod IPs cannot grow it forever. Keys hold digests of
 * the password and of the trusted CA, never the password itself; a rotated password or CA thus gets new connections.
 */
public class ValkeyConnections implements AutoCloseable {

    private final Vertx vertx;
    private final Settings settings;
    private final Map<String, Redis> clients;

    public ValkeyConnections(Vertx vertx, Settings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.clients = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Redis> eldest) {
                boolean full = size() > settings.maxNodes();
                if (full) {
                    eldest.getValue().close();
                }
                return full;
            }
        };
    }

    /** Pool sizes and limits; {@code maxNodes} bounds how many node pools are kept open. */
    public record Settings(int poolSizePerNode, int maxWaitingPerNode, int maxNodes, Duration connectTimeout) {

        public static final Settings DEFAULTS = new Settings(2, 32, 4096, Duration.ofSeconds(2));
    }

    public synchronized Redis client(String host, int port, NodeAccess access) {
        return clients.computeIfAbsent(key(host, port, access), k -> create(host, port, access));
    }

    /** Closes the node's pool, e.g. after a timeout, so a connection stuck mid-handshake does not linger. */
    public synchronized void discard(String host, int port, NodeAccess access) {
        Redis client = clients.remove(key(host, port, access));
        if (client != null) {
            client.close();
        }
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(Redis::close);
        clients.clear();
    }

    private Redis create(String host, int port, NodeAccess access) {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        NetClientOptions net = new NetClientOptions()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setTcpNoDelay(true)
                .setTcpKeepAlive(true);
        access.trust().ifPresent(ca -> trustOnly(net, ca));
        RedisOptions options = new RedisOptions()
                .setType(RedisClientType.STANDALONE)
                // rediss:// and an SSL net client together: the client refuses a plain connection on a TLS pool
                .setConnectionString((access.trust().isPresent() ? "rediss://" : "redis://") + hostPart + ":" + port)
                .setMaxPoolSize(settings.poolSizePerNode())
                .setMaxPoolWaiting(settings.maxWaitingPerNode())
                .setMaxWaitingHandlers(64)
                .setPreferredProtocolVersion(ProtocolVersion.RESP2)
                .setNetClientOptions(net);
        if (access.password() != null) {
            options.setPassword(access.password());
        }
        return Redis.createClient(vertx, options);
    }

    /**
     * TLS that verifies the node's certificate chain against the cluster's CA alone (not the JVM's default CAs). The
     * host name is not verified: nodes are addressed by pod IP, which their certificates rarely list (they name the
     * Services' DNS names), so the CA is what vouches for a node.
     */
    private static void trustOnly(NetClientOptions net, TrustedCa ca) {
        net.setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(ca.pem())))
                .setHostnameVerificationAlgorithm("");
    }

    private static String key(String host, int port, NodeAccess access) {
        return host + ":" + port + "#" + (access.password() == null ? "" : digest(access.password()))
                + "#" + access.trust().map(ca -> "tls:" + ca.digest()).orElse("plain");
    }

    private static String digest(String password) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}

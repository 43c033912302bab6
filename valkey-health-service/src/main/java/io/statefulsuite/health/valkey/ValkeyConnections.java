package io.statefulsuite.health.valkey;

import io.vertx.core.net.NetClientOptions;
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
 * One small connection pool per node (host, port, password), reused across checks. The map is bounded (least
 * recently used pools are closed), so a churn of pod IPs cannot grow it forever. Keys hold a digest of the
 * password, never the password itself.
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

    public synchronized Redis client(String host, int port, String password) {
        return clients.computeIfAbsent(key(host, port, password), k -> create(host, port, password));
    }

    /** Closes the node's pool, e.g. after a timeout, so a connection stuck mid-handshake does not linger. */
    public synchronized void discard(String host, int port, String password) {
        Redis client = clients.remove(key(host, port, password));
        if (client != null) {
            client.close();
        }
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(Redis::close);
        clients.clear();
    }

    private Redis create(String host, int port, String password) {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        RedisOptions options = new RedisOptions()
                .setType(RedisClientType.STANDALONE)
                .setConnectionString("redis://" + hostPart + ":" + port)
                .setMaxPoolSize(settings.poolSizePerNode())
                .setMaxPoolWaiting(settings.maxWaitingPerNode())
                .setMaxWaitingHandlers(64)
                .setPreferredProtocolVersion(ProtocolVersion.RESP2)
                .setNetClientOptions(new NetClientOptions()
                        .setConnectTimeout((int) settings.connectTimeout().toMillis())
                        .setTcpNoDelay(true)
                        .setTcpKeepAlive(true));
        if (password != null) {
            options.setPassword(password);
        }
        return Redis.createClient(vertx, options);
    }

    private static String key(String host, int port, String password) {
        return host + ":" + port + "#" + (password == null ? "" : digest(password));
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

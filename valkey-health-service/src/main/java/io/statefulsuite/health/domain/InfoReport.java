package io.statefulsuite.health.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of an {@code INFO} reply, flattened (field names are unique across sections). Valkey keeps the
 * master/slave words of Redis, so one parser serves both; {@code server_name}/{@code valkey_version} tell them apart.
 */
public record InfoReport(Map<String, String> fields) {

    public static InfoReport parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (line.isEmpty() || line.startsWith("#") || colon < 1) {
                continue;
            }
            fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
        }
        return new InfoReport(Map.copyOf(fields));
    }

    public Optional<String> text(String field) {
        return Optional.ofNullable(fields.get(field));
    }

    /** A numeric field, or empty when absent or not a number (e.g. a newer/older server without it). */
    public Optional<Long> number(String field) {
        return text(field).flatMap(InfoReport::parseLong);
    }

    public long number(String field, long fallback) {
        return number(field).orElse(fallback);
    }

    public boolean flag(String field) {
        return number(field, 0) != 0;
    }

    public ServerIdentity server() {
        boolean valkey = "valkey".equalsIgnoreCase(fields.get("server_name"));
        String version = valkey ? fields.getOrDefault("valkey_version", fields.get("redis_version"))
                : fields.get("redis_version");
        long nowSeconds = number("server_time_usec").map(usec -> usec / 1_000_000).orElse(-1L);
        return new ServerIdentity(valkey ? "valkey" : "redis", version, nowSeconds);
    }

    public boolean isPrimary() {
        return "master".equals(fields.get("role"));
    }

    public boolean clusterEnabled() {
        return flag("cluster_enabled");
    }

    /**
     * The {@code slaveN:} lines of a primary. Valkey 8 adds {@code type=}; its dual-channel replication lists the
     * RDB channel as a separate line, which is not a replica of its own and is skipped.
     */
    public List<ReplicaLink> replicaLinks() {
        List<ReplicaLink> links = new ArrayList<>();
        for (int i = 0; fields.containsKey("slave" + i); i++) {
            Map<String, String> parts = keyValues(fields.get("slave" + i));
            if (parts.getOrDefault("type", "replica").contains("rdb")) {
                continue;
            }
            links.add(new ReplicaLink(parts.get("ip"), parseLong(parts.getOrDefault("port", "")).orElse(0L).intValue(),
                    parts.getOrDefault("state", "unknown"), parseLong(parts.getOrDefault("offset", "")).orElse(-1L),
                    parseLong(parts.getOrDefault("lag", "")).orElse(-1L)));
        }
        return links;
    }

    private static Map<String, String> keyValues(String csv) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : csv.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return parts;
    }

    private static Optional<Long> parseLong(String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Which server this is; {@code nowSeconds} is the server's clock (-1 if not reported), for "time since save". */
    public record ServerIdentity(String product, String version, long nowSeconds) {
    }

    /** A replica as its primary sees it; {@code lagSeconds} is the time since its last ACK. */
    public record ReplicaLink(String ip, int port, String state, long offset, long lagSeconds) {
    }
}

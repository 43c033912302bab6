package io.statefulsuite.provisioner.domain;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What users may put into valkey.conf through {@code spec.config}, and how Valkey reads memory sizes.
 * Directives the suite sets itself (ports, paths, cluster mode, passwords, persistence) are refused, so a
 * user cannot break formation, leak the password or move the data off the volume.
 */
public final class ValkeyDirectives {

    /** Tuning directives that are safe in a provisioned cluster. */
    public static final Set<String> ALLOWED = Set.of(
            "timeout", "tcp-keepalive", "maxclients", "loglevel", "hz", "dynamic-hz",
            "lazyfree-lazy-eviction", "lazyfree-lazy-expire", "lazyfree-lazy-server-del",
            "lazyfree-lazy-user-del", "lazyfree-lazy-user-flush", "replica-lazy-flush",
            "latency-monitor-threshold", "slowlog-log-slower-than", "slowlog-max-len",
            "notify-keyspace-events", "maxmemory-samples", "maxmemory-eviction-tenacity", "active-expire-effort",
            "activedefrag", "active-defrag-ignore-bytes", "active-defrag-threshold-lower",
            "active-defrag-threshold-upper", "active-defrag-cycle-min", "active-defrag-cycle-max",
            "io-threads", "hash-max-listpack-entries", "hash-max-listpack-value", "list-max-listpack-size",
            "list-compress-depth", "set-max-intset-entries", "set-max-listpack-entries",
            "set-max-listpack-value", "zset-max-listpack-entries", "zset-max-listpack-value",
            "stream-node-max-bytes", "stream-node-max-entries", "hll-sparse-max-bytes",
            "no-appendfsync-on-rewrite", "auto-aof-rewrite-percentage", "auto-aof-rewrite-min-size",
            "aof-use-rdb-preamble", "aof-load-truncated", "rdbcompression", "rdbchecksum",
            "stop-writes-on-bgsave-error", "repl-backlog-size", "repl-backlog-ttl", "repl-timeout",
            "repl-diskless-sync", "repl-diskless-sync-delay", "repl-diskless-load", "min-replicas-to-write",
            "min-replicas-max-lag", "client-output-buffer-limit", "client-query-buffer-limit",
            "proto-max-bulk-len", "busy-reply-threshold", "lua-time-limit", "replica-priority",
            "replica-serve-stale-data", "jemalloc-bg-thread");

    /** Directives the suite writes itself, with where to set them instead when the spec has a field. */
    private static final Map<String, String> MANAGED = Map.ofEntries(
            Map.entry("appendonly", "use spec.persistence.aof"),
            Map.entry("appendfsync", "use spec.persistence.appendfsync"),
            Map.entry("save", "use spec.persistence.rdbSave"),
            Map.entry("maxmemory", "use spec.maxmemory"),
            Map.entry("maxmemory-policy", "use spec.maxmemoryPolicy"),
            Map.entry("requirepass", "the password comes from the Secret named in spec.auth"),
            Map.entry("masterauth", "the password comes from the Secret named in spec.auth"),
            Map.entry("primaryauth", "the password comes from the Secret named in spec.auth"));

    private static final Set<String> MANAGED_PREFIXES = Set.of("cluster-", "tls-", "unixsocket");

    private static final Set<String> MANAGED_NAMES = Set.of("port", "bind", "dir", "dbfilename",
            "appendfilename", "appenddirname", "include", "protected-mode", "daemonize", "supervised", "pidfile",
            "logfile", "rename-command", "loadmodule", "aclfile", "user", "replicaof", "slaveof", "masteruser",
            "primaryuser", "databases", "enable-debug-command", "enable-module-command",
            "enable-protected-configs");

    private static final Set<String> MAXMEMORY_POLICIES = Set.of("noeviction", "allkeys-lru", "allkeys-lfu",
            "allkeys-random", "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl");

    /** One line of printable ASCII without quotes or backslashes, so it cannot start a second directive. */
    private static final Pattern SAFE_VALUE = Pattern.compile("[\\x21-\\x7E&&[^\"'\\\\#]]+( [\\x21-\\x7E&&[^\"'\\\\#]]+)*");
    private static final Pattern VALKEY_MEMORY = Pattern.compile("(\\d+)(b|k|kb|m|mb|g|gb)?", Pattern.CASE_INSENSITIVE);
    private static final Map<String, BigInteger> VALKEY_UNITS = Map.of(
            "", BigInteger.ONE, "b", BigInteger.ONE,
            "k", BigInteger.valueOf(1000), "kb", BigInteger.valueOf(1024),
            "m", BigInteger.valueOf(1000_000), "mb", BigInteger.valueOf(1024 * 1024),
            "g", BigInteger.valueOf(1000_000_000), "gb", BigInteger.valueOf(1024 * 1024 * 1024));

    private ValkeyDirectives() {
    }

    public static boolean isAllowed(String directive) {
        return ALLOWED.contains(directive);
    }

    /** Why the suite keeps {@code directive} to itself, or empty when it does not. */
    public static Optional<String> managedReason(String directive) {
        String lower = directive.toLowerCase(Locale.ROOT);
        if (MANAGED.containsKey(lower)) {
            return Optional.of(MANAGED.get(lower));
        }
        boolean managed = MANAGED_NAMES.contains(lower) || MANAGED_PREFIXES.stream().anyMatch(lower::startsWith);
        return managed ? Optional.of("set by the provisioner") : Optional.empty();
    }

    public static boolean isSafeValue(String value) {
        return value != null && value.length() <= 1024 && SAFE_VALUE.matcher(value).matches();
    }

    public static boolean isMaxmemoryPolicy(String policy) {
        return MAXMEMORY_POLICIES.contains(policy);
    }

    public static Set<String> maxmemoryPolicies() {
        return MAXMEMORY_POLICIES;
    }

    /** A memory size as valkey.conf should read it: Valkey notation as given, a Kubernetes quantity as bytes. */
    public static String confMemory(String value) {
        return VALKEY_MEMORY.matcher(value).matches() ? value : memoryBytes(value).orElseThrow().toString();
    }

    /**
     * Bytes of a memory size in Valkey's notation ({@code 2gb}, {@code 500mb}, {@code 1073741824}; note
     * {@code 1m} is 10^6 here) or, failing that, Kubernetes' ({@code 2Gi}).
     */
    public static Optional<BigInteger> memoryBytes(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher valkey = VALKEY_MEMORY.matcher(value);
        if (valkey.matches()) {
            String unit = valkey.group(2) == null ? "" : valkey.group(2).toLowerCase(Locale.ROOT);
            return Optional.of(new BigInteger(valkey.group(1)).multiply(VALKEY_UNITS.get(unit)));
        }
        return KubernetesSyntax.quantity(value)
                .filter(q -> q.signum() >= 0)
                .map(q -> q.setScale(0, RoundingMode.CEILING).toBigIntegerExact());
    }
}

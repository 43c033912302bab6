package io.statefulsuite.health.domain;

/** The catalogue of checks: stable ids (used by alerts and the README) and their usual severity. */
public enum Check {
    DISCOVERY_NO_NODES("discovery.no-nodes", Severity.CRITICAL),
    DISCOVERY_NO_SPEC("discovery.no-spec", Severity.INFO),
    DISCOVERY_NODE_WITHOUT_IP("discovery.node-without-ip", Severity.WARNING),
    DISCOVERY_SECRET("discovery.secret-missing", Severity.WARNING),
    DISCOVERY_TLS("discovery.tls-trust", Severity.CRITICAL),
    CHECK_INCOMPLETE("check.incomplete", Severity.WARNING),
    NODE_UNREACHABLE("node.unreachable", Severity.WARNING),
    NODE_AUTH("node.auth", Severity.CRITICAL),
    NODE_TLS("node.tls", Severity.CRITICAL),
    NODE_TIMEOUT("node.timeout", Severity.WARNING),
    NODE_ERROR("node.error", Severity.WARNING),
    REPLICATION_NO_PRIMARY("replication.no-primary", Severity.CRITICAL),
    REPLICATION_MULTIPLE_PRIMARIES("replication.multiple-primaries", Severity.CRITICAL),
    REPLICATION_REPLICAS_MISSING("replication.replicas-missing", Severity.WARNING),
    REPLICATION_LINK_DOWN("replication.link-down", Severity.WARNING),
    REPLICATION_SYNC_IN_PROGRESS("replication.sync-in-progress", Severity.WARNING),
    REPLICATION_LAST_IO_STALE("replication.last-io-stale", Severity.WARNING),
    REPLICATION_LAG_BYTES("replication.lag-bytes", Severity.WARNING),
    REPLICATION_LAG_SECONDS("replication.lag-seconds", Severity.WARNING),
    REPLICATION_FULL_RESYNCS("replication.full-resyncs", Severity.INFO),
    PERSISTENCE_AOF_DISABLED("persistence.aof-disabled", Severity.WARNING),
    PERSISTENCE_APPENDFSYNC("persistence.appendfsync-mismatch", Severity.WARNING),
    PERSISTENCE_SAVE_RULES("persistence.save-rules-mismatch", Severity.WARNING),
    PERSISTENCE_AOF_WRITE("persistence.aof-write-failed", Severity.CRITICAL),
    PERSISTENCE_AOF_REWRITE("persistence.aof-rewrite-failed", Severity.WARNING),
    PERSISTENCE_AOF_REWRITE_FAILURES("persistence.aof-rewrite-consecutive-failures", Severity.WARNING),
    PERSISTENCE_AOF_REWRITE_RUNNING("persistence.aof-rewrite-in-progress", Severity.INFO),
    PERSISTENCE_RDB_BGSAVE("persistence.rdb-bgsave-failed", Severity.CRITICAL),
    PERSISTENCE_RDB_OVERDUE("persistence.rdb-save-overdue", Severity.WARNING),
    PERSISTENCE_LOADING("persistence.loading", Severity.WARNING),
    PERSISTENCE_VOLUME_NOT_BOUND("persistence.volume-not-bound", Severity.CRITICAL),
    PERSISTENCE_VOLUME_EPHEMERAL("persistence.volume-ephemeral", Severity.WARNING),
    CLUSTER_STATE("cluster.state", Severity.CRITICAL),
    CLUSTER_SLOTS_UNASSIGNED("cluster.slots-unassigned", Severity.CRITICAL),
    CLUSTER_SLOTS_FAIL("cluster.slots-fail", Severity.CRITICAL),
    CLUSTER_SLOTS_PFAIL("cluster.slots-pfail", Severity.WARNING),
    CLUSTER_KNOWN_NODES("cluster.known-nodes", Severity.WARNING),
    CLUSTER_SHARD_COUNT("cluster.shard-count", Severity.WARNING),
    CLUSTER_DISAGREEMENT("cluster.topology-disagreement", Severity.CRITICAL),
    CLUSTER_STALE_ADDRESS("cluster.stale-address", Severity.WARNING),
    CLUSTER_FAILED_NODE("cluster.failed-node", Severity.WARNING),
    ZONE_SHARED("zone.primary-replica-same-zone", Severity.WARNING),
    ZONE_PRIMARY_SPREAD("zone.primary-spread", Severity.WARNING),
    ZONE_UNEXPECTED("zone.unexpected-zone", Severity.WARNING),
    ZONE_UNKNOWN("zone.unknown", Severity.INFO),
    TOPOLOGY_PRIMARY_DRIFTED("topology.primary-drifted", Severity.WARNING),
    PROBE_CANARY_MISSING("probe.canary-missing", Severity.WARNING),
    PROBE_DELAY("probe.replication-delay", Severity.WARNING),
    PROBE_FAILED("probe.failed", Severity.WARNING);

    private final String id;
    private final Severity severity;

    Check(String id, Severity severity) {
        this.id = id;
        this.severity = severity;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }
}

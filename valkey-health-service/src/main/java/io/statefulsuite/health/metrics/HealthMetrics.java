package io.statefulsuite.health.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.statefulsuite.health.domain.Check;
import io.statefulsuite.health.domain.ClusterInfo;
import io.statefulsuite.health.domain.ClusterRef;
import io.statefulsuite.health.domain.HealthReport;
import io.statefulsuite.health.domain.ProbeResult;
import io.statefulsuite.health.domain.Severity;
import io.statefulsuite.health.domain.Topology.Member;
import io.statefulsuite.health.domain.Topology.NodeState;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code valkey_health_*} gauges, rebuilt from the latest reports after every round: a deleted cluster's series
 * disappear with it. Labels are namespace, cluster and pod (never IPs or keys), so cardinality is bounded by pods.
 */
@ApplicationScoped
public class HealthMetrics {

    private static final String PREFIX = "valkey_health_";
    private final MultiGauge status;
    private final MultiGauge findings;
    private final MultiGauge clusterState;
    private final MultiGauge slots;
    private final MultiGauge zoneViolations;
    private final MultiGauge lagBytes;
    private final MultiGauge lagSeconds;
    private final MultiGauge linkUp;
    private final MultiGauge connectedReplicas;
    private final MultiGauge aofStatus;
    private final MultiGauge rdbStatus;
    private final MultiGauge probeDelay;
    private final MeterRegistry registry;

    public HealthMetrics(MeterRegistry registry) {
        this.registry = registry;
        status = gauge("status", "Verdict per cluster: 0 healthy, 1 degraded, 2 unhealthy, 3 unknown", registry);
        findings = gauge("findings", "Findings of the latest check per severity", registry);
        clusterState = gauge("cluster_state", "1 when every node reports cluster_state:ok, else 0", registry);
        slots = gauge("cluster_slots", "Hash slots by state (assigned, ok, pfail, fail) as the worst node sees them",
                registry);
        zoneViolations = gauge("zone_violations", "Zone redundancy findings (shared zone, spread, unexpected zone)",
                registry);
        lagBytes = gauge("replication_lag_bytes", "Primary offset minus replica offset", registry);
        lagSeconds = gauge("replication_lag_seconds", "Seconds since the replica's last ACK to its primary", registry);
        linkUp = gauge("replication_link_up", "1 when the replica's master_link_status is up", registry);
        connectedReplicas = gauge("connected_replicas", "Online replicas of a primary", registry);
        aofStatus = gauge("aof_ok", "1 when the last AOF write and rewrite succeeded (nodes with AOF on)", registry);
        rdbStatus = gauge("rdb_ok", "1 when the last RDB bgsave succeeded", registry);
        probeDelay = gauge("probe_delay_seconds", "Replication delay measured by the canary probe", registry);
    }

    private static MultiGauge gauge(String name, String help, MeterRegistry registry) {
        return MultiGauge.builder(PREFIX + name).description(help).register(registry);
    }

    public void recordDuration(String kind, Duration duration) {
        Timer.builder(PREFIX + "check_duration").description("Wall time of one full cluster check")
                .tag("kind", kind).publishPercentileHistogram().register(registry).record(duration);
    }

    public synchronized void publish(Map<ClusterRef, HealthReport> reports) {
        status.register(clusterRows(reports, r -> r.status().code()), true);
        findings.register(reports.entrySet().stream().flatMap(e -> Stream.of(Severity.values())
                .<MultiGauge.Row<?>>map(s -> MultiGauge.Row.of(tags(e.getKey()).and("severity", s.name()), e.getValue().count(s))))
                .toList(), true);
        clusterState.register(clusterRows(reports.entrySet().stream()
                .filter(e -> e.getValue().topology().cluster() != null).toList(),
                r -> r.has(Check.CLUSTER_STATE) ? 0 : 1), true);
        slots.register(slotRows(reports), true);
        zoneViolations.register(clusterRows(reports, r -> r.findings().stream()
                .filter(f -> f.check().startsWith("zone.") && f.severity() != Severity.INFO).count()), true);
        lagBytes.register(memberRows(reports, NodeState::lagBytes), true);
        lagSeconds.register(memberRows(reports, NodeState::lagSeconds), true);
        linkUp.register(memberRows(reports, s -> s.linkUp() == null ? null : s.linkUp() ? 1 : 0), true);
        connectedReplicas.register(memberRows(reports, NodeState::connectedReplicas), true);
        aofStatus.register(memberRows(reports, s -> Boolean.TRUE.equals(s.aofEnabled()) ? bit(s.aofOk()) : null), true);
        rdbStatus.register(memberRows(reports, s -> bit(s.rdbOk())), true);
        probeDelay.register(probeRows(reports), true);
    }

    private static Integer bit(Boolean value) {
        return value == null ? null : value ? 1 : 0;
    }

    private static Tags tags(ClusterRef ref) {
        return Tags.of("namespace", ref.namespace(), "cluster", ref.name());
    }

    private static List<MultiGauge.Row<?>> clusterRows(Map<ClusterRef, HealthReport> reports,
                                                       Function<HealthReport, Number> value) {
        return clusterRows(List.copyOf(reports.entrySet()), value);
    }

    private static List<MultiGauge.Row<?>> clusterRows(List<Map.Entry<ClusterRef, HealthReport>> reports,
                                                       Function<HealthReport, Number> value) {
        return reports.stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(tags(e.getKey()), value.apply(e.getValue()))).toList();
    }

    private static List<MultiGauge.Row<?>> slotRows(Map<ClusterRef, HealthReport> reports) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        reports.forEach((ref, report) -> {
            ClusterInfo info = report.topology().cluster();
            if (info != null) {
                rows.add(MultiGauge.Row.of(tags(ref).and("state", "assigned"), info.slotsAssigned()));
                rows.add(MultiGauge.Row.of(tags(ref).and("state", "ok"), info.slotsOk()));
                rows.add(MultiGauge.Row.of(tags(ref).and("state", "pfail"), info.slotsPfail()));
                rows.add(MultiGauge.Row.of(tags(ref).and("state", "fail"), info.slotsFail()));
            }
        });
        return rows;
    }

    private static List<MultiGauge.Row<?>> memberRows(Map<ClusterRef, HealthReport> reports,
                                                      Function<NodeState, Number> value) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        reports.forEach((ref, report) -> report.topology().shards().stream()
                .flatMap(s -> Stream.concat(Stream.of(s.primary()), s.replicas().stream()))
                .forEach(member -> {
                    Number number = value.apply(member.state());
                    if (number != null) {
                        rows.add(MultiGauge.Row.of(podTags(ref, member), number));
                    }
                }));
        return rows;
    }

    private static Tags podTags(ClusterRef ref, Member member) {
        return tags(ref).and("pod", member.pod());
    }

    private static List<MultiGauge.Row<?>> probeRows(Map<ClusterRef, HealthReport> reports) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        reports.forEach((ref, report) -> {
            for (ProbeResult probe : report.probes()) {
                if (probe.delayMillis() != null && probe.replica() != null) {
                    rows.add(MultiGauge.Row.of(tags(ref).and("pod", probe.replica()), probe.delayMillis() / 1000.0));
                }
            }
        });
        return rows;
    }
}

package io.statefulsuite.health.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules on hand-made observations, for cases the real-server tests cannot stage cheaply. */
class HealthEvaluatorTest {

    private static final long NOW = 1_764_000_000L;
    private static final ExpectedTopology ONE_REPLICA = new ExpectedTopology(ExpectedTopology.Source.REQUEST, null, 1,
            null, null, null, null);

    @Test
    void lagBeyondTheCriticalLimitMakesTheClusterUnhealthy() {
        NodeObservation primary = primary("p", "master_repl_offset:100000000\nslave0:ip=10.0.0.2,port=6379,state=online,offset=1000,lag=0\n",
                Map.of());
        NodeObservation replica = replica("r", "slave_repl_offset:1000\n");

        HealthEvaluator.Evaluation result = evaluate(List.of(primary, replica), ONE_REPLICA);

        assertThat(result.findings()).filteredOn(f -> f.check().equals("replication.lag-bytes")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.node()).isEqualTo("r");
                    assertThat(f.observed()).isEqualTo("99999000 bytes");
                });
        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.topology().shards().get(0).replicas().get(0).state().lagBytes()).isEqualTo(99_999_000L);
    }

    @Test
    void aSaveRuleThatIsLongOverdueIsReported() {
        NodeObservation primary = primary("p", "rdb_changes_since_last_save:5\nrdb_last_save_time:" + (NOW - 1000) + "\n",
                Map.of("save", "60 1"));

        HealthEvaluator.Evaluation result = evaluate(List.of(primary), ExpectedTopology.NONE);

        assertThat(result.findings()).extracting(Finding::check)
                .contains("persistence.rdb-save-overdue", "discovery.no-spec");
        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void aDataVolumeThatIsNotBoundIsCritical() {
        NodeTarget target = new NodeTarget("p", "10.0.0.1", 6379, "1", IntendedRole.PRIMARY,
                new VolumeState("data-p", "Pending"));
        NodeObservation primary = observation(target, "role:master\nmaster_repl_offset:0\n", Map.of(), null, null);

        assertThat(evaluate(List.of(primary), ExpectedTopology.NONE).findings())
                .filteredOn(f -> f.check().equals("persistence.volume-not-bound")).singleElement()
                .satisfies(f -> assertThat(f.observed()).isEqualTo("data-p Pending"));
    }

    @Test
    void nothingToCheckIsUnknown() {
        HealthEvaluator.Evaluation result = evaluate(List.of(), ONE_REPLICA);

        assertThat(result.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(result.findings()).extracting(Finding::check).containsExactly("discovery.no-nodes");
    }

    @Test
    void twoNodesClaimingTheSameSlotsAreASplitBrain() {
        String a = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 10.0.0.1:6379@16379 myself,master - 0 0 1 connected 0-16383\n"
                + "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb 10.0.0.2:6379@16379 slave,fail aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 0 0 1 disconnected\n"
                + "cccccccccccccccccccccccccccccccccccccccc 10.9.9.9:6379@16379 slave,fail aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 0 0 1 disconnected\n";
        String b = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb 10.0.0.2:6379@16379 myself,master - 0 0 2 connected 0-16383\n"
                + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 10.0.0.1:6379@16379 master,fail - 0 0 1 disconnected\n";
        String info = "cluster_state:ok\ncluster_slots_assigned:16384\ncluster_slots_ok:16384\ncluster_known_nodes:2\n"
                + "cluster_current_epoch:";
        NodeObservation nodeA = observation(target("a", "10.0.0.1"), "role:master\ncluster_enabled:1\n", Map.of(),
                ClusterInfo.parse(info + "1\n"), ClusterNode.parseAll(a));
        NodeObservation nodeB = observation(target("b", "10.0.0.2"), "role:master\ncluster_enabled:1\n", Map.of(),
                ClusterInfo.parse(info + "2\n"), ClusterNode.parseAll(b));

        HealthEvaluator.Evaluation result = evaluate(List.of(nodeA, nodeB), ExpectedTopology.NONE);

        assertThat(result.findings()).extracting(Finding::check).contains("replication.multiple-primaries",
                "cluster.topology-disagreement", "cluster.stale-address");
        assertThat(result.findings()).filteredOn(f -> f.check().equals("cluster.stale-address")).singleElement()
                .satisfies(f -> assertThat(f.observed()).contains("10.9.9.9:6379"));
        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void theHistoryKeepsOnlyTheNewestTransitions() {
        ClusterHistory history = new ClusterHistory(3);
        for (int i = 0; i < 10; i++) {
            HealthStatus status = i % 2 == 0 ? HealthStatus.HEALTHY : HealthStatus.DEGRADED;
            history.record(new HealthReport(status, Instant.ofEpochSecond(NOW + i), 1, List.of(), Topology.EMPTY, List.of()));
        }

        assertThat(history.transitions()).hasSize(3).last().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(Transition.Kind.STATUS_CHANGED);
            assertThat(t.to()).isEqualTo("DEGRADED");
        });
        assertThat(history.transitions().get(1).kind()).isEqualTo(Transition.Kind.RECOVERED);
        assertThat(history.transitions().get(1).recoveryMillis()).isEqualTo(1000);
    }

    private static HealthEvaluator.Evaluation evaluate(List<NodeObservation> observations, ExpectedTopology expected) {
        return HealthEvaluator.evaluate(observations, expected, Thresholds.DEFAULTS, List.of(), List.of());
    }

    private static NodeTarget target(String name, String host) {
        return new NodeTarget(name, host, 6379, null, IntendedRole.UNKNOWN, null);
    }

    private static NodeObservation primary(String name, String info, Map<String, String> config) {
        return observation(target(name, "10.0.0.1"), "role:master\n" + info, config, null, null);
    }

    private static NodeObservation replica(String name, String info) {
        return observation(target(name, "10.0.0.2"), "role:slave\nmaster_host:10.0.0.1\nmaster_port:6379\n"
                + "master_link_status:up\n" + info, Map.of(), null, null);
    }

    private static NodeObservation observation(NodeTarget target, String info, Map<String, String> config,
                                               ClusterInfo clusterInfo, List<ClusterNode> nodes) {
        return new NodeObservation(target, Reachability.OK, null, 100,
                InfoReport.parse("server_time_usec:" + NOW * 1_000_000 + "\n" + info), null, NodeConfig.of(config),
                clusterInfo, nodes);
    }
}

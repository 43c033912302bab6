package io.statefulsuite.provisioner.valkey;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.statefulsuite.provisioner.domain.NodeTransport;
import io.statefulsuite.provisioner.domain.formation.FormationReport;
import io.statefulsuite.provisioner.domain.formation.FormationRequest;
import io.statefulsuite.provisioner.domain.formation.PodRole;
import io.statefulsuite.provisioner.domain.formation.ValkeyPod;
import io.statefulsuite.testkit.valkey.LoopbackAddresses;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Cluster formation against real Valkey (or Redis 7) servers, one per simulated pod. */
class ClusterFormationTest {

    private static final FormationSettings SETTINGS = new FormationSettings(Duration.ofSeconds(2),
            Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(15));
    private static Vertx vertx;

    @TempDir
    Path workDir;
    private ValkeyPodFleet fleet;
    private SimpleMeterRegistry registry;
    private ClusterFormation formation;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.closeAndAwait();
    }

    @BeforeEach
    void setUp() {
        fleet = new ValkeyPodFleet(workDir);
        registry = new SimpleMeterRegistry();
        formation = new ClusterFormation(vertx, registry, SETTINGS);
    }

    @AfterEach
    void tearDown() {
        fleet.close();
    }

    @Test
    void bootstrapsAnEmptyClusterAndLeavesAFormedOneAlone() {
        fleet.start(3, 1);

        FormationReport report = converge();

        assertThat(report.actions()).anyMatch(action -> action.startsWith("MEET "))
                .contains("ADDSLOTSRANGE 0 5460 on cache-primary-0", "ADDSLOTSRANGE 5461 10922 on cache-primary-1",
                        "ADDSLOTSRANGE 10923 16383 on cache-primary-2")
                .noneMatch(action -> action.contains(" failed: "));
        assertFormed(3, 1);
        assertThat(registry.find("valkey.provisioner.bootstrap").timer().count()).isEqualTo(1);
        writeAndReadKeys("boot");

        FormationReport again = converge();

        assertThat(again.actions()).isEmpty();
        assertThat(again.formed()).isTrue();
    }

    @Test
    void reformsAfterAFullRestartOnNewAddressesWithDataIntact() {
        fleet.start(3, 1);
        converge();
        writeKeys("restart");

        fleet.restartAllOnNewAddresses();
        FormationReport report = converge();

        assertThat(report.actions()).anyMatch(action -> action.startsWith("RE-MEET "))
                .noneMatch(action -> action.startsWith("ADDSLOTSRANGE") || action.startsWith("REPLICATE"));
        assertFormed(3, 1);
        assertThat(registry.find("valkey.provisioner.remeets").counter().count()).isPositive();
        readKeys("restart");
    }

    @Test
    void failsBackToThePrimaryPodOnceItReturns() {
        fleet.start(3, 1);
        converge();
        writeKeys("failback");

        fleet.kill("cache-primary-0");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> "master".equals(fleet.field("cache-replica-0", "replication", "role")));
        FormationReport whileDown = converge(Duration.ofSeconds(1));
        assertThat(whileDown.formed()).isFalse();
        assertThat(whileDown.message()).contains("cache-primary-0");

        fleet.restartOnNewAddress("cache-primary-0");
        FormationReport report = converge();

        assertThat(report.actions()).contains("FAILOVER to cache-primary-0 from cache-replica-0 (failback)");
        assertFormed(3, 1);
        assertThat(fleet.field("cache-primary-0", "replication", "role")).isEqualTo("master");
        assertThat(fleet.masterPodOf("cache-replica-0")).isEqualTo("cache-primary-0");
        assertThat(registry.find("valkey.provisioner.failbacks").counter().count()).isEqualTo(1);
        readKeys("failback");
    }

    @Test
    void scalesReplicasPerShardUpAndDown() {
        fleet.start(3, 1);
        converge();

        fleet.spec(3, 2);
        IntStream.range(3, 6).forEach(j -> fleet.startPod(PodRole.REPLICA, j));
        FormationReport up = converge();

        assertThat(up.actions()).filteredOn(action -> action.startsWith("REPLICATE ")).hasSize(3);
        assertFormed(3, 2);

        fleet.spec(3, 1);
        IntStream.range(3, 6).forEach(j -> fleet.remove("cache-replica-" + j));
        FormationReport down = converge();

        assertThat(down.actions()).hasSize(3 * 6).allMatch(action -> action.startsWith("FORGET "));
        assertFormed(3, 1);
        for (ValkeyPod pod : fleet.pods()) {
            assertThat(fleet.text(pod.name(), "CLUSTER", "NODES").lines().count()).as(pod.name()).isEqualTo(6);
        }
    }

    @Test
    void addsAShardByMigratingSlotsToIt() {
        fleet.start(3, 1);
        converge();
        writeKeys("reshard");

        List<byte[]> binaryKeys = writeBinaryKeys();

        fleet.spec(4, 1);
        fleet.startPod(PodRole.PRIMARY, 3);
        fleet.startPod(PodRole.REPLICA, 3);
        FormationReport report = converge();

        assertThat(report.actions()).contains("REPLICATE cache-replica-3 -> cache-primary-3",
                "MIGRATE SLOTS 4096-5460 from cache-primary-0 to cache-primary-3",
                "MIGRATE SLOTS 9557-10922 from cache-primary-1 to cache-primary-3",
                "MIGRATE SLOTS 15019-16383 from cache-primary-2 to cache-primary-3");
        assertFormed(4, 1);
        assertThat(slotsServedBy("cache-primary-3")).isEqualTo(4096);
        assertThat(registry.find("valkey.provisioner.slot.migrations").counter().count()).isEqualTo(4096);
        readKeys("reshard");
        assertBinaryKeysReadable(binaryKeys);
    }

    /** Keys that are no valid UTF-8, spread over all slots: some are in every range that moves. */
    private List<byte[]> writeBinaryKeys() {
        List<byte[]> keys = IntStream.range(0, 200).mapToObj(i -> new byte[]{(byte) 0xff, (byte) 0xc3, 0x28,
                (byte) i, (byte) (i * 31)}).toList();
        assertThat(new String(keys.get(0), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8))
                .isNotEqualTo(keys.get(0));
        Redis client = clusterClient();
        try {
            for (byte[] key : keys) {
                client.send(Request.cmd(Command.SET).arg(key).arg(key)).await().atMost(Duration.ofSeconds(5));
            }
            assertThat(keys).extracting(key -> client.send(Request.cmd(Command.CLUSTER).arg("KEYSLOT").arg(key))
                            .await().atMost(Duration.ofSeconds(5)).toInteger())
                    .anyMatch(slot -> slot >= 4096 && slot <= 5460).anyMatch(slot -> slot >= 9557 && slot <= 10922)
                    .anyMatch(slot -> slot >= 15019);
        } finally {
            client.close();
        }
        return keys;
    }

    private void assertBinaryKeysReadable(List<byte[]> keys) {
        Redis client = clusterClient();
        try {
            for (byte[] key : keys) {
                Response value = client.send(Request.cmd(Command.GET).arg(key)).await().atMost(Duration.ofSeconds(5));
                assertThat(value).as("binary key %s", Arrays.toString(key)).isNotNull();
                assertThat(value.toBytes()).isEqualTo(key);
            }
        } finally {
            client.close();
        }
    }

    /** A cluster-aware client that follows the slots as they are served now. */
    private Redis clusterClient() {
        return Redis.createClient(vertx, new RedisOptions().setType(RedisClientType.CLUSTER)
                .setConnectionString("redis://" + fleet.pod("cache-primary-0").ip() + ":6379")
                .setPassword(fleet.password).setPreferredProtocolVersion(ProtocolVersion.RESP2));
    }

    @Test
    void refusesAWrongPasswordAShardRemovalAndARestartOfAPrimaryWithoutReplica() {
        fleet.start(3, 0);
        converge();

        FormationReport wrongPassword = formation.converge(fleet.request(), "not-" + fleet.password,
                NodeTransport.PLAIN);
        assertThat(wrongPassword.formed()).isFalse();
        assertThat(wrongPassword.message()).contains("cache-primary-0: ").containsPattern("WRONGPASS|NOAUTH|invalid")
                .doesNotContain(fleet.password);

        FormationReport noReplica = formation.prepareForRestart(fleet.request(), fleet.pod("cache-primary-0"),
                fleet.password, NodeTransport.PLAIN);
        assertThat(noReplica.formed()).isFalse();
        assertThat(noReplica.message()).contains("no in-sync replica");

        fleet.spec(2, 0);
        FormationReport report = formation.converge(fleet.request(), fleet.password, NodeTransport.PLAIN);

        assertThat(report.formed()).isFalse();
        assertThat(report.unsupported()).isTrue();
        assertThat(report.actions()).isEmpty();
        assertThat(report.message()).contains("not supported", "3 shards");
        assertThat(fleet.field("cache-primary-0", "cluster", "cluster_state")).isEqualTo("ok");
    }

    @Test
    void podsThatDoNotAnswerEndThePassWithTheirNames() {
        ValkeyPod silent = new ValkeyPod("cache-primary-0", LoopbackAddresses.allocate(6379, 16379), null,
                PodRole.PRIMARY, 0);

        FormationReport report = formation.converge(new FormationRequest("ns", "cache", 3, 0, ValkeyPodFleet.ZONES,
                List.of(silent)), "irrelevant", NodeTransport.PLAIN);

        assertThat(report.formed()).isFalse();
        assertThat(report.actions()).isEmpty();
        assertThat(report.message()).contains("cache-primary-0", "cache-primary-1", "cache-primary-2",
                "do not answer", "Pods [cache-primary-0] have no known zone");
    }

    @Test
    void asksAllPodsAtOnce() throws Exception {
        try (PodsAnsweringOnlyTogether stalled = new PodsAnsweringOnlyTogether(3, Duration.ofSeconds(5))) {
            List<ValkeyPod> pods = IntStream.range(0, 3).mapToObj(i -> new ValkeyPod("cache-primary-" + i,
                    stalled.hosts().get(i), ValkeyPodFleet.ZONES.get(i), PodRole.PRIMARY, i)).toList();

            FormationReport report = formation.converge(new FormationRequest("ns", "cache", 3, 0,
                    ValkeyPodFleet.ZONES, pods), "irrelevant", NodeTransport.PLAIN);

            assertThat(report.formed()).isFalse();
            for (ValkeyPod pod : pods) {
                assertThat(report.message()).contains(pod.name() + ": " + PodsAnsweringOnlyTogether.REPLY_PREFIX + " "
                        + PodsAnsweringOnlyTogether.TOGETHER);
            }
        }
    }

    @Test
    void preparesAPrimaryForItsRestartByHandingItsSlotsToAReplica() {
        fleet.start(3, 1);
        converge();
        writeKeys("planned");

        FormationReport report = formation.prepareForRestart(fleet.request(), fleet.pod("cache-primary-1"),
                fleet.password, NodeTransport.PLAIN);

        assertThat(report.formed()).as(report.message()).isTrue();
        assertThat(report.actions()).containsExactly("FAILOVER to cache-replica-1 from cache-primary-1 (planned restart)");
        assertThat(fleet.field("cache-replica-1", "replication", "role")).isEqualTo("master");
        assertThat(registry.find("valkey.provisioner.failovers").counter().count()).isEqualTo(1);
        readKeys("planned");
        assertThat(formation.prepareForRestart(fleet.request(), fleet.pod("cache-primary-1"), fleet.password,
                NodeTransport.PLAIN)
                .actions()).isEmpty();
    }

    /** Counted from CLUSTER SLOTS, independently of the parser under test. */
    private long slotsServedBy(String name) {
        String ip = fleet.pod(name).ip();
        return ((List<?>) fleet.node(name).command("CLUSTER", "SLOTS")).stream().map(entry -> (List<?>) entry)
                .filter(entry -> ip.equals(((List<?>) entry.get(2)).get(0)))
                .mapToLong(entry -> (Long) entry.get(1) - (Long) entry.get(0) + 1).sum();
    }

    private FormationReport converge() {
        FormationReport report = formation.converge(fleet.request(), fleet.password, NodeTransport.PLAIN);
        assertThat(report.formed()).as("%s %s", report.message(), report.actions()).isTrue();
        return report;
    }

    private FormationReport converge(Duration settle) {
        return new ClusterFormation(vertx, registry, new FormationSettings(SETTINGS.commandTimeout(), settle,
                SETTINGS.pollInterval(), SETTINGS.failoverTimeout()))
                .converge(fleet.request(), fleet.password, NodeTransport.PLAIN);
    }

    private void assertFormed(int shards, int replicasPerShard) {
        for (ValkeyPod pod : fleet.pods()) {
            assertThat(fleet.field(pod.name(), "cluster", "cluster_state")).as(pod.name()).isEqualTo("ok");
            assertThat(fleet.field(pod.name(), "cluster", "cluster_slots_assigned")).isEqualTo("16384");
            assertThat(fleet.field(pod.name(), "cluster", "cluster_known_nodes"))
                    .isEqualTo(String.valueOf(shards * (1 + replicasPerShard)));
            if (pod.role() == PodRole.PRIMARY) {
                assertThat(fleet.field(pod.name(), "replication", "role")).as(pod.name()).isEqualTo("master");
                assertThat(fleet.field(pod.name(), "replication", "connected_slaves"))
                        .isEqualTo(String.valueOf(replicasPerShard));
            } else {
                String master = fleet.masterPodOf(pod.name());
                assertThat(fleet.pod(master).role()).as("%s follows %s", pod.name(), master).isEqualTo(PodRole.PRIMARY);
                assertThat(fleet.pod(master).zone()).as("zone of %s's primary", pod.name()).isNotEqualTo(pod.zone());
            }
        }
    }

    private void writeAndReadKeys(String prefix) {
        writeKeys(prefix);
        readKeys(prefix);
    }

    private void writeKeys(String prefix) {
        keys(prefix).forEach(key -> fleet.set(key, "value-of-" + key));
    }

    private void readKeys(String prefix) {
        keys(prefix).forEach(key -> assertThat(fleet.get(key)).as(key).isEqualTo("value-of-" + key));
    }

    private static List<String> keys(String prefix) {
        return IntStream.range(0, 200).mapToObj(i -> prefix + ":" + i).toList();
    }
}

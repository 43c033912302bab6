package io.statefulsuite.health.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ParsersTest {

    private static final String VALKEY_8_PRIMARY = String.join("\r\n",
            "# Server", "redis_version:7.2.4", "server_name:valkey", "valkey_version:8.1.1", "redis_mode:cluster",
            "server_time_usec:1764000000123456", "",
            "# Replication", "role:master", "connected_slaves:1",
            "slave0:ip=10.0.1.5,port=6379,state=online,offset=4242,lag=1,type=replica",
            "slave1:ip=10.0.1.5,port=6379,state=wait_bgsave,offset=0,lag=0,type=rdb-channel",
            "master_repl_offset:5000", "", "# Cluster", "cluster_enabled:1", "");

    @Test
    void valkeyIsRecognisedByServerNameAndItsRdbChannelIsNotAReplica() {
        InfoReport info = InfoReport.parse(VALKEY_8_PRIMARY);

        assertThat(info.server()).isEqualTo(new InfoReport.ServerIdentity("valkey", "8.1.1", 1764000000L));
        assertThat(info.isPrimary()).isTrue();
        assertThat(info.clusterEnabled()).isTrue();
        assertThat(info.replicaLinks()).containsExactly(new InfoReport.ReplicaLink("10.0.1.5", 6379, "online", 4242, 1));
    }

    @Test
    void redisKeepsItsVersionAndReplicaFields() {
        InfoReport info = InfoReport.parse("redis_version:7.0.15\nrole:slave\nmaster_host:10.0.0.9\nmaster_port:6379\n"
                + "master_link_status:down\nmaster_link_down_since_seconds:42\nslave_repl_offset:100\n");

        assertThat(info.server().product()).isEqualTo("redis");
        assertThat(info.server().version()).isEqualTo("7.0.15");
        assertThat(info.number("master_link_down_since_seconds", -1)).isEqualTo(42);
        assertThat(info.number("no_such_field")).isEmpty();
    }

    @Test
    void clusterNodesLinesWithHostnamesSlotsAndMigrationMarkers() {
        List<ClusterNode> nodes = ClusterNode.parseAll(
                "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 10.0.0.1:6379@16379,valkey-0 myself,master - 0 0 1 connected "
                        + "0-5460 5462 [5461->-07c37dfeb235213a872192d90877d0cd55635b91]\n"
                        + "07c37dfeb235213a872192d90877d0cd55635b91 :0@0 slave,fail,noaddr "
                        + "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 1 2 3 disconnected\n");

        assertThat(nodes.get(0).slots()).containsExactly(new ClusterNode.SlotRange(0, 5460),
                new ClusterNode.SlotRange(5462, 5462));
        assertThat(nodes.get(0).address()).isEqualTo("10.0.0.1:6379");
        assertThat(nodes.get(0).isMyself()).isTrue();
        assertThat(nodes.get(1).hasAddress()).isFalse();
        assertThat(nodes.get(1).isFailing()).isTrue();
        assertThat(nodes.get(1).primaryId()).isEqualTo("e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca");
        assertThat(nodes.get(1).connected()).isFalse();
    }

    @Test
    void clusterInfoRolesAndConfig() {
        ClusterInfo info = ClusterInfo.parse("cluster_state:fail\r\ncluster_slots_assigned:16000\r\ncluster_slots_ok:15000\r\n"
                + "cluster_slots_pfail:1000\r\ncluster_slots_fail:0\r\ncluster_known_nodes:6\r\ncluster_size:3\r\n"
                + "cluster_current_epoch:7\r\n");
        assertThat(info).isEqualTo(new ClusterInfo("fail", 16000, 15000, 1000, 0, 6, 3, 7));
        assertThat(info.ok()).isFalse();

        assertThat(RoleReply.parse(List.of("slave", "10.0.0.1", 6379L, "connected", 1234L)))
                .isEqualTo(new RoleReply("slave", 1234, "10.0.0.1", 6379, "connected"));
        assertThat(RoleReply.parse(List.of("master", 99L, List.of())).isPrimary()).isTrue();

        NodeConfig config = NodeConfig.of(Map.of("appendonly", "yes", "save", "900 1 300 10", "appendfsync", "always"));
        assertThat(config.appendOnly()).isTrue();
        assertThat(config.saveRules()).containsExactly("900 1", "300 10");
        assertThat(NodeConfig.of(Map.of("save", "")).saveRules()).isEmpty();
    }

    @Test
    void hashTagsLandInTheShardTheyAreMeantFor() {
        assertThat(HashSlots.slotOf("foo")).isEqualTo(12182);
        assertThat(HashSlots.slotOf("123456789")).isEqualTo(12739);
        for (String slots : List.of("0-5460", "5461-10922", "10923-16383", "100,200-201")) {
            int slot = HashSlots.slotOf(HashSlots.tagFor(slots));
            assertThat(java.util.Arrays.stream(slots.split(",")).map(ClusterNode.SlotRange::parse)
                    .anyMatch(r -> slot >= r.first() && slot <= r.last())).as(slots).isTrue();
        }
    }
}

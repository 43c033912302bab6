package io.statefulsuite.provisioner.domain.formation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterViewTest {

    private static final String NODES = """
            07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004@31004,cache-replica-0 slave e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 1426238317239 4 connected
            67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30002@31002 master - 0 1426238316232 2 connected 5461-10922 [5461->-e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca]
            e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@31001 myself,master - 0 0 1 connected 0-5460 [5461-<-67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1]
            6ec23923021cf3ffec47632106199cb7f496ce01 :0@0 master,fail?,noaddr - 1426238317741 1426238316232 5 disconnected 10923 10924-16383
            292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 127.0.0.9:6379@16379 handshake - 0 0 0 disconnected
            """;

    @Test
    void parsesEveryFieldOfClusterNodes() {
        ClusterView view = ClusterView.parse(NODES);

        assertThat(view.nodes()).hasSize(5);
        ClusterNode myself = view.myself();
        assertThat(myself.id()).isEqualTo("e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca");
        assertThat(myself.isMaster()).isTrue();
        assertThat(myself.slots()).containsExactly(new SlotRange(0, 5460));
        assertThat(myself.transfers()).containsExactly(new SlotTransfer(5461, SlotTransfer.Direction.IMPORTING,
                "67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1"));

        ClusterNode replica = view.node("07c37dfeb235213a872192d90877d0cd55635b91").orElseThrow();
        assertThat(replica.isReplica()).isTrue();
        assertThat(replica.masterId()).isEqualTo(myself.id());
        assertThat(replica.ip()).isEqualTo("127.0.0.1");
        assertThat(replica.port()).isEqualTo(30004);
        assertThat(replica.busPort()).isEqualTo(31004);
        assertThat(replica.connected()).isTrue();

        ClusterNode migrating = view.node("67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1").orElseThrow();
        assertThat(migrating.transfers()).extracting(SlotTransfer::direction)
                .containsExactly(SlotTransfer.Direction.MIGRATING);
        assertThat(migrating.configEpoch()).isEqualTo(2);

        ClusterNode failing = view.node("6ec23923021cf3ffec47632106199cb7f496ce01").orElseThrow();
        assertThat(failing.isFailing()).isTrue();
        assertThat(failing.flags()).contains("noaddr");
        assertThat(failing.ip()).isEmpty();
        assertThat(failing.connected()).isFalse();
        assertThat(failing.slots()).containsExactly(new SlotRange(10923, 10923), new SlotRange(10924, 16383));

        assertThat(view.handshakeWith("127.0.0.9", 6379)).isTrue();
        assertThat(view.others()).hasSize(3);
    }

    @Test
    void normalisesValkeyRoleSpellings() {
        ClusterView view = ClusterView.parse(
                "a1 10.0.0.1:6379@16379 myself,replica b2 0 0 1 connected\n"
                        + "b2 10.0.0.2:6379@16379 primary - 0 0 1 connected 0-16383\n");

        assertThat(view.myself().isReplica()).isTrue();
        assertThat(view.node("b2").orElseThrow().isMaster()).isTrue();
    }

    @Test
    void aFreshNodeDoesNotKnowItsOwnAddressYet() {
        ClusterView view = ClusterView.parse("a1 :6379@16379 myself,master - 0 0 0 connected\n");

        assertThat(view.myself().ip()).isEmpty();
        assertThat(view.myself().hasSlots()).isFalse();
    }

    @Test
    void rejectsTruncatedLines() {
        assertThatThrownBy(() -> ClusterView.parse("a1 10.0.0.1:6379@16379 myself"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Malformed");
    }

    @Test
    void splitsSlotsEvenlyAsValkeyCliDoes() {
        assertThat(java.util.stream.IntStream.range(0, 3).mapToObj(i -> SlotRange.evenShare(i, 3)))
                .containsExactly(new SlotRange(0, 5460), new SlotRange(5461, 10922), new SlotRange(10923, 16383));
        for (int shards = 3; shards <= 12; shards++) {
            int next = 0;
            for (int i = 0; i < shards; i++) {
                SlotRange share = SlotRange.evenShare(i, shards);
                assertThat(share.start()).as("share %d of %d starts where the previous ended", i, shards)
                        .isEqualTo(next);
                assertThat(share.size()).isBetween(SlotRange.SLOT_COUNT / shards - 1, SlotRange.SLOT_COUNT / shards + 1);
                next = share.end() + 1;
            }
            assertThat(next).isEqualTo(SlotRange.SLOT_COUNT);
        }
    }

    @Test
    void readsInfoFields() {
        assertThat(InfoFields.parse("# Replication\r\nrole:slave\r\nmaster_link_status:up\r\n"))
                .containsEntry("role", "slave").containsEntry("master_link_status", "up");
    }
}

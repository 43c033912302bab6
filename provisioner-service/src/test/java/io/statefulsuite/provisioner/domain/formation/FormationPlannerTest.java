package io.statefulsuite.provisioner.domain.formation;

import io.statefulsuite.provisioner.domain.formation.FormationAction.AssignSlots;
import io.statefulsuite.provisioner.domain.formation.FormationAction.Failover;
import io.statefulsuite.provisioner.domain.formation.FormationAction.Forget;
import io.statefulsuite.provisioner.domain.formation.FormationAction.Meet;
import io.statefulsuite.provisioner.domain.formation.FormationAction.Replicate;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FormationPlannerTest {

    @Test
    void aHealthyClusterNeedsNothing() {
        FormationPlan plan = SimulatedCluster.formed(3, 1).plan();

        assertThat(plan.isSettled()).as("plan %s", plan).isTrue();
    }

    @Test
    void freshPodsAreAllMetFromTheFirstPrimary() {
        FormationPlan plan = SimulatedCluster.fresh(3, 1).plan();

        assertThat(plan.actions()).allSatisfy(action -> {
            assertThat(action).isInstanceOf(Meet.class);
            assertThat(action.on().name()).isEqualTo("cache-primary-0");
            assertThat(((Meet) action).remeet()).isFalse();
        });
        assertThat(plan.actions()).extracting(action -> ((Meet) action).target().name()).containsExactly(
                "cache-primary-1", "cache-primary-2", "cache-replica-0", "cache-replica-1", "cache-replica-2");
    }

    @Test
    void waitsForGossipWhileTheAnchorKnowsEverybody() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        cluster.doesNotKnow("cache-replica-1", "cache-replica-2");

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.waitingFor()).containsExactly("cache-replica-1 to learn cache-replica-2 by gossip");
    }

    @Test
    void doesNotMeetAgainWhileAHandshakeIsUnderway() {
        SimulatedCluster cluster = SimulatedCluster.fresh(3, 0);
        cluster.seesAlso("cache-primary-0", "ffff 10.0.1.11:6379@16379 handshake - 0 0 0 disconnected");

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).extracting(FormationAction::describe)
                .containsExactly("MEET cache-primary-2 (10.0.1.12) from cache-primary-0");
    }

    @Test
    void assignsEvenContiguousSharesOnceEverybodyKnowsEverybody() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        cluster.members.values().forEach(member -> {
            member.slots = List.of();
            member.masterId = null;
        });

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).extracting(FormationAction::describe).containsExactly(
                "ADDSLOTSRANGE 0 5460 on cache-primary-0",
                "ADDSLOTSRANGE 5461 10922 on cache-primary-1",
                "ADDSLOTSRANGE 10923 16383 on cache-primary-2");
    }

    @Test
    void resumesAnInterruptedSlotAssignment() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 0);
        cluster.member("cache-primary-2").slots = List.of();

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).containsExactly(
                new AssignSlots(cluster.member("cache-primary-2").pod, new SlotRange(10923, 16383)));
    }

    @Test
    void waitsForAllPrimariesBeforeAssigningSlots() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 0);
        cluster.members.values().forEach(member -> member.slots = List.of());
        cluster.member("cache-primary-1").reachable = false;

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.waitingFor()).containsExactly("primary pod of shard 1 to answer before slots are assigned");
    }

    @Test
    void replicasFollowTheirOrdinalsShardInAnotherZone() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        cluster.members.values().stream().filter(member -> member.pod.role() == PodRole.REPLICA)
                .forEach(member -> member.masterId = null);

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).extracting(FormationAction::describe).containsExactly(
                "REPLICATE cache-replica-0 -> cache-primary-0",
                "REPLICATE cache-replica-1 -> cache-primary-1",
                "REPLICATE cache-replica-2 -> cache-primary-2");
    }

    @Test
    void replicasSpreadOnePerZoneLikeTheirPrimariesAllEndUpInAnotherZone() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        cluster.members.values().stream().filter(member -> member.pod.role() == PodRole.REPLICA).forEach(member -> {
            // as a zone spread constraint schedules them: replica j in the zone of primary j
            member.pod = new ValkeyPod(member.pod.name(), member.pod.ip(), String.valueOf(member.pod.shard() % 3 + 1),
                    PodRole.REPLICA, member.pod.shard());
            member.masterId = null;
        });

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).hasSize(3).allSatisfy(action -> {
            Replicate replicate = (Replicate) action;
            assertThat(replicate.on().zone()).as(replicate.describe()).isNotEqualTo(replicate.primary().zone());
        });
    }

    @Test
    void aReplicaInItsPrimarysZoneMovesToAPrimaryElsewhere() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        SimulatedCluster.Member replica = cluster.member("cache-replica-0");
        replica.pod = new ValkeyPod(replica.pod.name(), replica.pod.ip(), "1", PodRole.REPLICA, 0);
        // replica-0 (zone 1) follows primary-0 (zone 1); replica-1 (zone 3) would gladly follow primary-0.
        cluster.member("cache-replica-1").masterId = null;

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).extracting(FormationAction::describe).containsExactly(
                "REPLICATE cache-replica-0 -> cache-primary-1",
                "REPLICATE cache-replica-1 -> cache-primary-0");
    }

    @Test
    void aSingleZoneStillGetsReplicas() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        cluster.members.values().forEach(member -> {
            member.pod = new ValkeyPod(member.pod.name(), member.pod.ip(), "1", member.pod.role(), member.pod.shard());
            if (member.pod.role() == PodRole.REPLICA) {
                member.masterId = null;
            }
        });

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).hasSize(3).allSatisfy(action -> assertThat(action).isInstanceOf(Replicate.class));
        assertThat(cluster.plan().actions()).isEqualTo(plan.actions());
    }

    @Test
    void podsOfUnknownZoneStillGetReplicasAndAreNamed() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        cluster.members.values().forEach(member -> {
            member.pod = new ValkeyPod(member.pod.name(), member.pod.ip(), null, member.pod.role(), member.pod.shard());
            if (member.pod.role() == PodRole.REPLICA) {
                member.masterId = null;
            }
        });

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).extracting(FormationAction::describe).containsExactly(
                "REPLICATE cache-replica-0 -> cache-primary-0",
                "REPLICATE cache-replica-1 -> cache-primary-1",
                "REPLICATE cache-replica-2 -> cache-primary-2");
        assertThat(cluster.request().unknownZones()).hasValueSatisfying(message -> assertThat(message)
                .contains("cache-primary-0", "cache-replica-2", "topology.kubernetes.io/zone"));
    }

    @Test
    void aReplicaOfUnknownZoneIsNotMovedAwayFromItsPrimary() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        SimulatedCluster.Member replica = cluster.member("cache-replica-0");
        SimulatedCluster.Member primary = cluster.member("cache-primary-0");
        replica.pod = new ValkeyPod(replica.pod.name(), replica.pod.ip(), null, PodRole.REPLICA, 0);
        primary.pod = new ValkeyPod(primary.pod.name(), primary.pod.ip(), null, PodRole.PRIMARY, 0);

        assertThat(cluster.plan().isSettled()).as("plan %s", cluster.plan()).isTrue();
        assertThat(replica.pod.sharesZoneWith(primary.pod)).isFalse();
        assertThat(cluster.request().unknownZones()).hasValueSatisfying(message -> assertThat(message)
                .contains("[cache-primary-0, cache-replica-0]"));
        assertThat(SimulatedCluster.formed(3, 1).request().unknownZones()).isEmpty();
    }

    @Test
    void moreReplicasPerShardAreSpreadEvenly() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1).withSpec(3, 2);
        for (int j = 3; j < 6; j++) {
            cluster.addPod(PodRole.REPLICA, j, String.valueOf((j + 1) % 3 + 1));
        }

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).filteredOn(Replicate.class::isInstance).extracting(FormationAction::describe)
                .containsExactly("REPLICATE cache-replica-3 -> cache-primary-0",
                        "REPLICATE cache-replica-4 -> cache-primary-1",
                        "REPLICATE cache-replica-5 -> cache-primary-2");
    }

    @Test
    void newPodsAreMetBeforeAnythingElse() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1).withSpec(3, 2);
        SimulatedCluster.Member added = cluster.addPod(PodRole.REPLICA, 3, "2");
        cluster.members.keySet().stream().filter(name -> !name.equals(added.pod.name()))
                .forEach(name -> cluster.doesNotKnow(name, added.pod.name()));

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).extracting(FormationAction::describe)
                .containsExactly("MEET cache-replica-3 (10.0.2.13) from cache-primary-0");
    }

    @Test
    void removedReplicasAreForgottenEverywhere() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 2).withSpec(3, 1);
        List<String> goneIds = List.of(cluster.remove("cache-replica-3").id, cluster.remove("cache-replica-4").id,
                cluster.remove("cache-replica-5").id);
        String goneLines = goneIds.stream().map(id -> id + " 10.0.9.9:6379@16379 slave,fail "
                + cluster.member("cache-primary-0").id + " 0 0 1 disconnected").reduce((a, b) -> a + "\n" + b).get();
        cluster.members.keySet().forEach(name -> cluster.seesAlso(name, goneLines));

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).hasSize(6 * 3).allSatisfy(action -> assertThat(action).isInstanceOf(Forget.class));
        assertThat(plan.actions()).extracting(action -> ((Forget) action).nodeId()).containsOnlyElementsOf(goneIds);
    }

    @Test
    void replicasStillTerminatingAfterAScaleDownAreLeftAlone() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 2).withSpec(3, 1);

        FormationPlan plan = cluster.plan();

        assertThat(plan.isSettled()).as("plan %s", plan).isTrue();
    }

    @Test
    void nothingIsForgottenWhileAPodTheSpecWantsIsDown() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        cluster.member("cache-replica-1").reachable = false;

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.waitingFor()).anyMatch(reason -> reason.contains("cache-replica-1"));
    }

    @Test
    void aNodeServingSlotsIsNeverForgotten() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 0);
        cluster.member("cache-primary-2").slots = List.of(new SlotRange(10923, 16000));
        cluster.members.keySet().forEach(name -> cluster.seesAlso(name,
                "abcd 10.0.9.9:6379@16379 master,fail - 0 0 9 disconnected 16001-16383"));

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).noneMatch(Forget.class::isInstance);
        assertThat(plan.waitingFor()).contains("node abcd is no pod but serves slots; it cannot be forgotten");
    }

    @Test
    void podsBackOnNewAddressesAreMetAgainByEveryNodeHoldingTheOldOne() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        int host = 50;
        for (String name : List.copyOf(cluster.members.keySet())) {
            cluster.movedTo(name, "10.1.0." + host++);
        }

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).allSatisfy(action -> assertThat(((Meet) action).remeet()).isTrue());
        assertThat(plan.actions()).extracting(action -> action.on().name() + ">" + ((Meet) action).target().name())
                .hasSize(6 * 5).doesNotHaveDuplicates()
                .contains("cache-primary-0>cache-replica-2", "cache-replica-2>cache-primary-0",
                        "cache-primary-1>cache-primary-0");
    }

    @Test
    void aNodeThatOnlyHasAStaleSelfAddressIsMetFromTheAnchor() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        cluster.movedTo("cache-replica-1", "10.1.0.7");
        cluster.members.keySet().forEach(viewer -> cluster.learnsAddress(viewer, "cache-replica-1"));

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).extracting(FormationAction::describe)
                .containsExactly("RE-MEET cache-replica-1 (10.1.0.7) from cache-primary-0");
    }

    @Test
    void aShardLedByAReplicaPodFailsBackToItsPrimaryPodOnceInSync() {
        SimulatedCluster cluster = driftedShardZero();

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).containsExactly(new Failover(cluster.member("cache-primary-0").pod,
                cluster.member("cache-replica-0").pod, Failover.Reason.FAILBACK));
    }

    @Test
    void aPrimaryPodBackWithAnEmptyVolumeFollowsTheShardItLostBeforeFailingBack() {
        SimulatedCluster cluster = driftedShardZero();
        SimulatedCluster.Member primary = cluster.member("cache-primary-0");
        primary.masterId = null;
        primary.epoch = 0;

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).extracting(FormationAction::describe)
                .containsExactly("REPLICATE cache-primary-0 -> cache-replica-0");
    }

    @Test
    void noFailbackWhileThePrimaryPodIsStillSyncing() {
        SimulatedCluster cluster = driftedShardZero();
        cluster.member("cache-primary-0").linkUp = false;

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.waitingFor()).containsExactly("cache-primary-0 to catch up with cache-replica-0 before failing back");
    }

    @Test
    void removingAShardIsRefusedClearly() {
        SimulatedCluster cluster = SimulatedCluster.formed(4, 1).withSpec(3, 1);

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.unsupported()).hasValueSatisfying(reason ->
                assertThat(reason).contains("4 shards", "removing shards", "not supported"));
    }

    @Test
    void anAddedShardGetsItsReplicaFirst() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1).withSpec(4, 1);
        cluster.addPod(PodRole.PRIMARY, 3, "1");
        cluster.addPod(PodRole.REPLICA, 3, "2");

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).extracting(FormationAction::describe)
                .containsExactly("REPLICATE cache-replica-3 -> cache-primary-3");
    }

    @Test
    void anAddedShardTakesTheTailSurplusOfEveryOtherShard() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 0).withSpec(4, 0);
        cluster.addPod(PodRole.PRIMARY, 3, "1");

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).extracting(FormationAction::describe).containsExactly(
                "MIGRATE SLOTS 4096-5460 from cache-primary-0 to cache-primary-3",
                "MIGRATE SLOTS 9557-10922 from cache-primary-1 to cache-primary-3",
                "MIGRATE SLOTS 15019-16383 from cache-primary-2 to cache-primary-3");
        assertThat(((FormationAction.MigrateSlots) plan.actions().get(0)).otherPrimaries())
                .extracting(ValkeyPod::name).containsExactly("cache-primary-1", "cache-primary-2");
    }

    @Test
    void slotsMoveOnlyOnceTheNewPrimarySeesTheClusterOk() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 0).withSpec(4, 0);
        cluster.addPod(PodRole.PRIMARY, 3, "1").stateOk = false;

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.waitingFor()).containsExactly("cache-primary-3 to report cluster_state:ok before slots move");
    }

    @Test
    void anInterruptedRebalanceResumesWithTheSameSlots() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 0).withSpec(4, 0);
        SimulatedCluster.Member added = cluster.addPod(PodRole.PRIMARY, 3, "1");
        cluster.member("cache-primary-0").slots = List.of(new SlotRange(0, 4095));
        added.slots = List.of(new SlotRange(4096, 5460));
        added.epoch = 9;

        FormationPlan plan = cluster.plan();

        assertThat(plan.actions()).extracting(FormationAction::describe).containsExactly(
                "MIGRATE SLOTS 9557-10922 from cache-primary-1 to cache-primary-3",
                "MIGRATE SLOTS 15019-16383 from cache-primary-2 to cache-primary-3");
    }

    @Test
    void slotCountsOffByOneAreBalancedEnough() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 0);
        cluster.member("cache-primary-0").slots = List.of(new SlotRange(0, 5461));
        cluster.member("cache-primary-1").slots = List.of(new SlotRange(5462, 10922));

        assertThat(cluster.plan().isSettled()).isTrue();
    }

    @Test
    void aReturningPrimaryStillClaimingOldSlotsDoesNotLookLikeANewShard() {
        SimulatedCluster cluster = driftedShardZero();
        SimulatedCluster.Member returning = cluster.member("cache-primary-0");
        returning.masterId = null;
        returning.slots = List.of(SlotRange.evenShare(0, 3));
        returning.epoch = 1;

        FormationPlan plan = cluster.plan();

        assertThat(plan.unsupported()).isEmpty();
    }

    @Test
    void anUnreachablePodIsReportedAsAwaited() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        cluster.members.values().forEach(member -> member.reachable = false);

        assertThat(cluster.plan().waitingFor()).containsExactly("any Valkey pod to answer");
    }

    @Test
    void aFormedClusterWaitsForClusterStateOk() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        cluster.member("cache-replica-2").stateOk = false;

        assertThat(cluster.plan().waitingFor()).containsExactly("cache-replica-2 to report cluster_state:ok");
    }

    /** Valkey promoted replica-0 when primary-0 died; primary-0 came back and follows it. */
    private static SimulatedCluster driftedShardZero() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        SimulatedCluster.Member primary = cluster.member("cache-primary-0");
        SimulatedCluster.Member replica = cluster.member("cache-replica-0");
        replica.masterId = null;
        replica.slots = primary.slots;
        replica.epoch = 7;
        primary.slots = List.of();
        primary.masterId = replica.id;
        return cluster;
    }
}

package io.statefulsuite.provisioner.domain.rollout;

import io.statefulsuite.provisioner.domain.formation.SimulatedCluster;
import io.statefulsuite.provisioner.domain.formation.ValkeyPod;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutPlannerTest {

    @Test
    void nothingToDoWhenEveryPodRunsTheCurrentRevision() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);

        assertThat(next(cluster, updated(cluster.pods()), Set.of(), 6)).isInstanceOf(RolloutStep.Done.class);
    }

    @Test
    void replicasGoFirstHighestOrdinalFirstWithoutAFailover() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);

        assertThat(next(cluster, Set.of(), Set.of(), 6))
                .isEqualTo(new RolloutStep.Replace(pod(cluster, "cache-replica-2"), Optional.empty(), ""));
        assertThat(next(cluster, Set.of("cache-replica-2"), Set.of(), 6))
                .isEqualTo(new RolloutStep.Replace(pod(cluster, "cache-replica-1"), Optional.empty(), ""));
    }

    @Test
    void aPrimaryHandsItsSlotsToItsInSyncReplicaBeforeItIsReplaced() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        Set<String> replicasDone = Set.of("cache-replica-0", "cache-replica-1", "cache-replica-2");

        RolloutStep step = next(cluster, replicasDone, Set.of(), 6);

        assertThat(step).isEqualTo(new RolloutStep.Replace(pod(cluster, "cache-primary-2"),
                Optional.of(pod(cluster, "cache-replica-2")), ""));
        assertThat(step.describe()).isEqualTo("failing cache-primary-2 over to cache-replica-2, then replacing it");
    }

    @Test
    void aPodThatAlreadyHandedOverItsSlotsGoesBeforeThoseThatServeSlots() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        cluster.failedOver("cache-replica-0");
        Set<String> replicasDone = Set.of("cache-replica-0", "cache-replica-1", "cache-replica-2");

        assertThat(next(cluster, replicasDone, Set.of(), 6))
                .isEqualTo(new RolloutStep.Replace(pod(cluster, "cache-primary-0"), Optional.empty(), ""));
    }

    @Test
    void aPrimaryWaitsWhileItsReplicaLagsOrIsDisconnected() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        Set<String> replicasDone = Set.of("cache-replica-0", "cache-replica-1", "cache-replica-2");
        cluster.lags("cache-replica-2", 5 * 1024 * 1024);

        assertThat(next(cluster, replicasDone, Set.of(), 6))
                .isEqualTo(new RolloutStep.Wait("no replica of shard 2 is in sync to take over from cache-primary-2"));

        cluster.lags("cache-replica-2", -5 * 1024 * 1024);
        cluster.replicationLinkDown("cache-replica-2");
        assertThat(next(cluster, replicasDone, Set.of(), 6)).isInstanceOf(RolloutStep.Wait.class);
    }

    @Test
    void withoutReplicasAPrimaryIsReplacedWithItsSlotsAndTheStatusSaysSo() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 0);

        RolloutStep step = RolloutPlanner.next(rolloutPods(cluster, Set.of(), Set.of()), cluster.observations(), 3, 0);

        assertThat(step).isEqualTo(new RolloutStep.Replace(pod(cluster, "cache-primary-2"), Optional.empty(),
                "shard 2 has no replica, so its slots are unavailable until the pod is back"));
    }

    @Test
    void nothingIsReplacedWhileAnyPodIsMissingNotReadySilentOrSeesTheClusterFailing() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);

        assertThat(next(cluster, Set.of(), Set.of(), 7)).isEqualTo(new RolloutStep.Wait("6 of 7 pods running"));
        assertThat(next(cluster, Set.of(), Set.of("cache-primary-1"), 6))
                .isEqualTo(new RolloutStep.Wait("cache-primary-1 to become ready"));
        cluster.clusterStateFail("cache-primary-0");
        assertThat(next(cluster, Set.of(), Set.of(), 6))
                .isEqualTo(new RolloutStep.Wait("cluster_state ok on cache-primary-0"));
        cluster.notAnswering("cache-primary-0");
        assertThat(next(cluster, Set.of(), Set.of(), 6))
                .isEqualTo(new RolloutStep.Wait("cache-primary-0 to answer (Connection refused)"));
    }

    @Test
    void progressCountsUpdatedPodsAndNamesThePodBeingReplaced() {
        SimulatedCluster cluster = SimulatedCluster.formed(3, 1);
        List<RolloutPod> pods = rolloutPods(cluster, Set.of("cache-replica-1", "cache-replica-2"), Set.of());
        RolloutStep step = new RolloutStep.Replace(pod(cluster, "cache-replica-0"), Optional.empty(), "");

        RolloutProgress progress = RolloutProgress.of("abc", pods, 6, true, false, step);

        assertThat(progress).isEqualTo(new RolloutProgress("abc", 2, 6, true, Optional.of("cache-replica-0"),
                Optional.of(0), "2 of 6 pods run revision abc; replacing cache-replica-0"));
        assertThat(RolloutProgress.of("abc", rolloutPods(cluster, updated(cluster.pods()), Set.of()), 6, false,
                true, new RolloutStep.Done()).inProgress()).isFalse();
        assertThat(RolloutProgress.of("abc", pods, 6, false, true, new RolloutStep.Wait("x")).inProgress())
                .as("the last re-created pod is not back yet").isTrue();
        assertThat(RolloutProgress.of("abc", pods, 6, false, false, new RolloutStep.Wait("x")).inProgress())
                .as("pods still starting up is no rollout").isFalse();
    }

    private static RolloutStep next(SimulatedCluster cluster, Set<String> updated, Set<String> notReady,
                                    int expected) {
        return RolloutPlanner.next(rolloutPods(cluster, updated, notReady), cluster.observations(), expected, 1);
    }

    private static List<RolloutPod> rolloutPods(SimulatedCluster cluster, Set<String> updated, Set<String> notReady) {
        return cluster.pods().stream().map(pod -> new RolloutPod(pod,
                Integer.parseInt(pod.name().substring(pod.name().lastIndexOf('-') + 1)),
                updated.contains(pod.name()), !notReady.contains(pod.name()))).toList();
    }

    private static Set<String> updated(List<ValkeyPod> pods) {
        return Set.copyOf(pods.stream().map(ValkeyPod::name).toList());
    }

    private static ValkeyPod pod(SimulatedCluster cluster, String name) {
        return cluster.pods().stream().filter(pod -> pod.name().equals(name)).findFirst().orElseThrow();
    }
}

package io.statefulsuite.provisioner.domain;

import io.statefulsuite.provisioner.domain.StartupBlocker.ClassBinding;
import io.statefulsuite.provisioner.domain.StartupBlocker.Facts;
import io.statefulsuite.provisioner.domain.StartupBlocker.StatefulSetEvent;
import io.statefulsuite.provisioner.domain.StartupBlocker.UnboundClaim;
import io.statefulsuite.provisioner.domain.StartupBlocker.UnscheduledPod;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Messages as a real scheduler and StatefulSet controller write them. */
class StartupBlockerTest {

    private static final String NO_NODE = "0/3 nodes are available: 3 node(s) didn't match Pod's node "
            + "affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    private static final String UNBOUND_IMMEDIATE = "0/3 nodes are available: pod has unbound immediate "
            + "PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for "
            + "scheduling.";
    private static final String POD_QUOTA = "create Pod cache-primary-0 in StatefulSet cache-primary failed error: "
            + "pods \"cache-primary-0\" is forbidden: exceeded quota: compute, requested: limits.memory=4Gi, "
            + "used: limits.memory=8Gi, limited: limits.memory=10Gi";
    private static final String CLAIM_QUOTA = "create Claim data-cache-replica-1 for Pod cache-replica-1 in "
            + "StatefulSet cache-replica failed error: persistentvolumeclaims \"data-cache-replica-1\" is forbidden: "
            + "exceeded quota: storage, requested: requests.storage=20Gi, used: requests.storage=100Gi, "
            + "limited: requests.storage=100Gi";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final List<String> classesLookedUp = new ArrayList<>();

    @Test
    void podsTheSchedulerTurnsAwayAreUnschedulableNamingTheFirstPodWithTheSchedulersWords() {
        Facts facts = new Facts(Set.of(), List.of(), List.of(
                new UnscheduledPod("cache-replica-0", "Unschedulable", NO_NODE),
                new UnscheduledPod("cache-primary-0", "Unschedulable", NO_NODE)), List.of());

        assertThat(find(facts, ClassBinding.IMMEDIATE)).contains(new StartupBlocker("Unschedulable",
                "pod cache-primary-0 cannot be scheduled: " + NO_NODE + " (2 pods unschedulable)"));
    }

    @Test
    void aClaimWaitingForItsPodIsNoBlockerSoTheNodeIsNamedAndTheClassIsAskedOnce() {
        Facts facts = new Facts(Set.of(), List.of(), List.of(
                new UnscheduledPod("cache-primary-0", "Unschedulable", NO_NODE),
                new UnscheduledPod("cache-primary-1", "Unschedulable", NO_NODE)), List.of(
                claim("data-cache-primary-0", "cache-primary-0", false),
                claim("data-cache-primary-1", "cache-primary-1", false)));

        assertThat(find(facts, ClassBinding.WAIT_FOR_FIRST_CONSUMER)).get()
                .extracting(StartupBlocker::reason).isEqualTo("Unschedulable");
        assertThat(classesLookedUp).containsExactly("managed-csi-premium");
    }

    @Test
    void aClaimOfAMissingStorageClassIsTheBlockerOfItsPod() {
        Facts facts = new Facts(Set.of(), List.of(),
                List.of(new UnscheduledPod("cache-primary-0", "Unschedulable", UNBOUND_IMMEDIATE)),
                List.of(claim("data-cache-primary-0", "cache-primary-0", false)));

        assertThat(find(facts, ClassBinding.MISSING)).contains(new StartupBlocker("VolumeUnbound",
                "claim data-cache-primary-0 of pod cache-primary-0 is Pending: StorageClass managed-csi-premium does "
                        + "not exist; pod cache-primary-0: " + UNBOUND_IMMEDIATE));
    }

    @Test
    void aClaimWhoseNodeIsChosenButWhoseVolumeDoesNotComeBlocksWhateverTheSchedulersReason() {
        Facts facts = new Facts(Set.of(), List.of(),
                List.of(new UnscheduledPod("cache-replica-2", "SchedulerError", "running PreBind plugin "
                        + "\"VolumeBinding\": binding volumes: context deadline exceeded")),
                List.of(claim("data-cache-replica-2", "cache-replica-2", true)));

        assertThat(find(facts, ClassBinding.WAIT_FOR_FIRST_CONSUMER)).get().satisfies(blocker -> {
            assertThat(blocker.reason()).isEqualTo("VolumeUnbound");
            assertThat(blocker.message()).startsWith("claim data-cache-replica-2 of pod cache-replica-2 is Pending "
                    + "(StorageClass managed-csi-premium); pod cache-replica-2: running PreBind plugin");
        });
    }

    @Test
    void podsAndClaimsStillOnTheirWayAreNoBlockerAndCostNoLookUp() {
        Facts facts = new Facts(Set.of("cache-primary-2"), List.of(), List.of(),
                List.of(claim("data-cache-primary-0", "cache-primary-0", false)));

        assertThat(find(facts, ClassBinding.MISSING)).isEmpty();
        assertThat(classesLookedUp).isEmpty();
    }

    @Test
    void missingPodsWhoseCreationHitAQuotaAreQuotaExceededWithTheControllersMessage() {
        Facts facts = new Facts(Set.of("cache-primary-0", "cache-replica-1"), List.of(
                new StatefulSetEvent("FailedCreate", CLAIM_QUOTA, T0),
                new StatefulSetEvent("FailedCreate", POD_QUOTA, T0.plusSeconds(5))), List.of(), List.of());

        assertThat(find(facts, ClassBinding.IMMEDIATE))
                .contains(new StartupBlocker("QuotaExceeded", POD_QUOTA + " (2 pods not created)"));
    }

    @Test
    void aLaterSuccessfulCreateOverridesAnOldFailureAndPodsThatExistAreNotJudgedByEvents() {
        Facts facts = new Facts(Set.of("cache-primary-0"), List.of(
                new StatefulSetEvent("FailedCreate", POD_QUOTA, T0),
                new StatefulSetEvent("SuccessfulCreate", "create Pod cache-primary-0 in StatefulSet cache-primary "
                        + "successful", T0.plusSeconds(60)),
                new StatefulSetEvent("FailedCreate", CLAIM_QUOTA, T0.plusSeconds(120))), List.of(), List.of());

        assertThat(find(facts, ClassBinding.IMMEDIATE)).isEmpty();
    }

    @Test
    void otherRefusalsOfTheControllerAreCreateFailed() {
        String refused = "create Pod cache-primary-0 in StatefulSet cache-primary failed error: pods "
                + "\"cache-primary-0\" is forbidden: violates PodSecurity \"restricted:latest\": seccompProfile";
        Facts facts = new Facts(Set.of("cache-primary-0"), List.of(new StatefulSetEvent("FailedCreate", refused, T0)),
                List.of(new UnscheduledPod("cache-replica-0", "Unschedulable", NO_NODE)), List.of());

        assertThat(find(facts, ClassBinding.IMMEDIATE)).contains(new StartupBlocker("CreateFailed", refused));
    }

    private static UnboundClaim claim(String name, String pod, boolean nodeSelected) {
        return new UnboundClaim(name, pod, "Pending", "managed-csi-premium", nodeSelected);
    }

    private Optional<StartupBlocker> find(Facts facts, ClassBinding binding) {
        Function<String, ClassBinding> lookUp = name -> {
            classesLookedUp.add(name);
            return binding;
        };
        return StartupBlocker.find(facts, lookUp);
    }
}

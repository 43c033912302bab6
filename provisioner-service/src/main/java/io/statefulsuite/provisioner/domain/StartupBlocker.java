package io.statefulsuite.provisioner.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Why pods of a cluster do not run, once Kubernetes has said so: the StatefulSet controller could not create them
 * (a quota, an admission refusal), the volume of a pod the scheduler turned away cannot be bound (e.g. its
 * StorageClass does not exist), or the scheduler finds no node for them. Without such a word the pods are merely
 * starting, which is not a blocker: a claim waiting for its volume or a pod not yet judged by the scheduler is.
 *
 * @param reason  the condition reason: {@link #QUOTA_EXCEEDED}, {@link #CREATE_FAILED}, {@link #VOLUME_UNBOUND} or
 *                {@link #UNSCHEDULABLE}
 * @param message names the first pod or claim concerned (by name) and carries Kubernetes's own words
 */
public record StartupBlocker(String reason, String message) {

    public static final String QUOTA_EXCEEDED = "QuotaExceeded";
    public static final String CREATE_FAILED = "CreateFailed";
    public static final String VOLUME_UNBOUND = "VolumeUnbound";
    public static final String UNSCHEDULABLE = "Unschedulable";

    /** Reasons of the Events the StatefulSet controller records for each pod (and claim) it creates. */
    private static final String FAILED_CREATE = "FailedCreate";
    private static final String SUCCESSFUL_CREATE = "SuccessfulCreate";

    /**
     * The pod the StatefulSet controller's create Events name: "create Pod c-primary-0 in StatefulSet c-primary
     * failed error: …", "create Claim data-c-primary-0 for Pod c-primary-0 in StatefulSet c-primary failed …".
     */
    private static final Pattern EVENT_POD = Pattern.compile("\\bPod (\\S+) in StatefulSet ");

    /** A pod whose PodScheduled condition is False, with the scheduler's reason (e.g. Unschedulable) and message. */
    public record UnscheduledPod(String name, String reason, String message) {
    }

    /**
     * A claim of the cluster that is not Bound.
     *
     * @param pod          the pod mounting it ({@code data-<pod>})
     * @param nodeSelected whether the scheduler has chosen a node for that pod (annotation
     *                     {@code volume.kubernetes.io/selected-node}), so the volume, not a node, is what is missing
     */
    public record UnboundClaim(String name, String pod, String phase, String storageClass, boolean nodeSelected) {
    }

    /** An Event of one of the cluster's StatefulSets, {@code at} the time it last happened. */
    public record StatefulSetEvent(String reason, String message, Instant at) {
    }

    /** How a StorageClass binds its claims, or that it does not exist. */
    public enum ClassBinding { MISSING, IMMEDIATE, WAIT_FOR_FIRST_CONSUMER }

    /**
     * What Kubernetes reports about the pods a spec wants.
     *
     * @param missingPods       pods the spec wants that do not exist
     * @param statefulSetEvents Events of the cluster's StatefulSets (only needed when pods are missing)
     */
    public record Facts(Set<String> missingPods, List<StatefulSetEvent> statefulSetEvents,
                        List<UnscheduledPod> unscheduledPods, List<UnboundClaim> unboundClaims) {
    }

    /**
     * The blocker, if Kubernetes has named one; the most basic first: pods never created, then volumes, then nodes.
     *
     * @param bindingOfClass looks a StorageClass up by name; asked only about classes of claims whose pods the
     *                       scheduler turned away, and once per class
     */
    public static Optional<StartupBlocker> find(Facts facts, Function<String, ClassBinding> bindingOfClass) {
        return failedCreation(facts)
                .or(() -> unboundVolume(facts, bindingOfClass))
                .or(() -> unschedulable(facts));
    }

    /** Missing pods whose latest create Event failed; a later success means an old failure no longer holds. */
    private static Optional<StartupBlocker> failedCreation(Facts facts) {
        Map<String, StatefulSetEvent> latestByPod = new TreeMap<>();
        for (StatefulSetEvent event : facts.statefulSetEvents()) {
            if (FAILED_CREATE.equals(event.reason()) || SUCCESSFUL_CREATE.equals(event.reason())) {
                podNamedIn(event.message()).filter(facts.missingPods()::contains)
                        .ifPresent(pod -> latestByPod.merge(pod, event, StartupBlocker::later));
            }
        }
        List<StatefulSetEvent> failures = latestByPod.values().stream()
                .filter(event -> FAILED_CREATE.equals(event.reason())).toList();
        if (failures.isEmpty()) {
            return Optional.empty();
        }
        String message = failures.get(0).message();
        return Optional.of(new StartupBlocker(message.contains("exceeded quota") ? QUOTA_EXCEEDED : CREATE_FAILED,
                message + inAll(failures.size(), "pods not created")));
    }

    /**
     * Unbound claims of pods the scheduler turned away. A claim whose class waits for the first consumer and whose pod
     * has no node yet is waiting for that pod, not blocking it: then the pod's own reason is the blocker.
     */
    private static Optional<StartupBlocker> unboundVolume(Facts facts, Function<String, ClassBinding> bindingOfClass) {
        Map<String, UnscheduledPod> turnedAway = facts.unscheduledPods().stream()
                .collect(Collectors.toMap(UnscheduledPod::name, pod -> pod, (first, second) -> first));
        Map<String, ClassBinding> bindings = new HashMap<>();
        List<UnboundClaim> blocking = facts.unboundClaims().stream()
                .filter(claim -> turnedAway.containsKey(claim.pod()))
                .sorted(Comparator.comparing(UnboundClaim::name))
                .filter(claim -> !waitsForItsPod(claim, bindings.computeIfAbsent(claim.storageClass(), bindingOfClass)))
                .toList();
        if (blocking.isEmpty()) {
            return Optional.empty();
        }
        UnboundClaim claim = blocking.get(0);
        boolean classMissing = bindings.get(claim.storageClass()) == ClassBinding.MISSING;
        return Optional.of(new StartupBlocker(VOLUME_UNBOUND, "claim " + claim.name() + " of pod " + claim.pod()
                + " is " + claim.phase() + (classMissing ? ": StorageClass " + claim.storageClass() + " does not exist"
                : " (StorageClass " + claim.storageClass() + ")") + "; pod " + claim.pod() + ": "
                + turnedAway.get(claim.pod()).message() + inAll(blocking.size(), "claims unbound")));
    }

    private static boolean waitsForItsPod(UnboundClaim claim, ClassBinding binding) {
        return binding == ClassBinding.WAIT_FOR_FIRST_CONSUMER && !claim.nodeSelected();
    }

    private static Optional<StartupBlocker> unschedulable(Facts facts) {
        List<UnscheduledPod> pods = facts.unscheduledPods().stream()
                .filter(pod -> UNSCHEDULABLE.equals(pod.reason()))
                .sorted(Comparator.comparing(UnscheduledPod::name))
                .toList();
        if (pods.isEmpty()) {
            return Optional.empty();
        }
        UnscheduledPod pod = pods.get(0);
        return Optional.of(new StartupBlocker(UNSCHEDULABLE, "pod " + pod.name() + " cannot be scheduled: "
                + pod.message() + inAll(pods.size(), "pods unschedulable")));
    }

    private static Optional<String> podNamedIn(String eventMessage) {
        Matcher matcher = EVENT_POD.matcher(eventMessage == null ? "" : eventMessage);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The later of two create Events; on a tie the success, so that a failure already overcome is not reported. */
    private static StatefulSetEvent later(StatefulSetEvent one, StatefulSetEvent other) {
        int order = one.at().compareTo(other.at());
        if (order != 0) {
            return order > 0 ? one : other;
        }
        return SUCCESSFUL_CREATE.equals(other.reason()) ? other : one;
    }

    private static String inAll(int count, String what) {
        return count > 1 ? " (" + count + " " + what + ")" : "";
    }
}

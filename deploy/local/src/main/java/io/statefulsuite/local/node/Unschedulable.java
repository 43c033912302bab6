package io.statefulsuite.local.node;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The message kube-scheduler writes into a pod's {@code PodScheduled=False} condition (reason {@code Unschedulable})
 * and its {@code FailedScheduling} event, in the same words, so that what the provisioner reports from the local stack
 * reads as it will on AKS: {@code 0/3 nodes are available: 1 node(s) didn't match pod topology spread constraints,
 * 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not
 * helpful for scheduling.}
 */
final class Unschedulable {

    static final String REASON = "Unschedulable";

    private Unschedulable() {
    }

    /** Every node failed a filter: one count per reason, sorted as kube-scheduler sorts them. */
    static String message(int nodeCount, Collection<String> reasonPerNode) {
        Map<String, Long> counts = reasonPerNode.stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        String reasons = counts.entrySet().stream().map(entry -> entry.getValue() + " " + entry.getKey())
                .sorted().collect(Collectors.joining(", "));
        return withPreemption(nodeCount, reasons);
    }

    /** A check before the node filters failed (a missing claim, say): the same reason holds for every node. */
    static String beforeFiltering(int nodeCount, String reason) {
        return withPreemption(nodeCount, reason);
    }

    private static String withPreemption(int nodeCount, String reasons) {
        String available = "0/" + nodeCount + " nodes are available";
        String message = reasons.isEmpty() ? available + "." : available + ": " + reasons + ".";
        return message + " preemption: " + available + ": " + nodeCount
                + " Preemption is not helpful for scheduling.";
    }
}

package io.statefulsuite.local.node;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kube-scheduler for the simulated nodes: honours nodeSelector, required node affinity and zone topology spread
 * constraints (DoNotSchedule), and otherwise prefers the least loaded node. A pod that fits nowhere stays
 * Pending, as it would in a cluster.
 */
public final class Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private final KubernetesClient client;
    private final List<String> nodeNames;

    public Scheduler(KubernetesClient client, List<String> nodeNames) {
        this.client = client;
        this.nodeNames = nodeNames;
    }

    public void scheduleAll() {
        List<Node> nodes = nodeNames.stream().map(name -> client.nodes().withName(name).get()).toList();
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        for (Pod pod : pods) {
            if (pod.getSpec().getNodeName() == null && pod.getMetadata().getDeletionTimestamp() == null) {
                bestNode(pod, nodes, pods).ifPresentOrElse(node -> bind(pod, node),
                        () -> LOG.warn("Pod {} fits no simulated node", pod.getMetadata().getName()));
            }
        }
    }

    private void bind(Pod pod, Node node) {
        try {
            pod.getSpec().setNodeName(node.getMetadata().getName());
            client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).update();
            LOG.info("Scheduled {}/{} on {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    node.getMetadata().getName());
        } catch (KubernetesClientException e) {
            pod.getSpec().setNodeName(null);
            LOG.debug("Binding {} deferred: {}", pod.getMetadata().getName(), e.getMessage());
        }
    }

    static Optional<Node> bestNode(Pod pod, List<Node> nodes, List<Pod> scheduled) {
        return nodes.stream()
                .filter(node -> matchesNodeSelector(pod, node) && matchesRequiredAffinity(pod, node))
                .filter(node -> spreadAllows(pod, node, nodes, scheduled))
                .min(Comparator.comparingLong(node -> podsOn(node, scheduled)));
    }

    private static long podsOn(Node node, List<Pod> pods) {
        return pods.stream().filter(pod -> node.getMetadata().getName().equals(pod.getSpec().getNodeName())).count();
    }

    static boolean matchesNodeSelector(Pod pod, Node node) {
        Map<String, String> selector = Optional.ofNullable(pod.getSpec().getNodeSelector()).orElse(Map.of());
        return selector.entrySet().stream()
                .allMatch(entry -> entry.getValue().equals(node.getMetadata().getLabels().get(entry.getKey())));
    }

    static boolean matchesRequiredAffinity(Pod pod, Node node) {
        var affinity = pod.getSpec().getAffinity();
        if (affinity == null || affinity.getNodeAffinity() == null
                || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return true;
        }
        List<NodeSelectorTerm> terms = affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms();
        return terms.stream().anyMatch(term -> Optional.ofNullable(term.getMatchExpressions()).orElse(List.of())
                .stream().allMatch(requirement -> matches(requirement, node.getMetadata().getLabels())));
    }

    private static boolean matches(NodeSelectorRequirement requirement, Map<String, String> labels) {
        return matches(requirement.getKey(), requirement.getOperator(), requirement.getValues(), labels);
    }

    private static boolean matches(String key, String operator, List<String> values, Map<String, String> labels) {
        String value = labels.get(key);
        return switch (operator) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }

    /** maxSkew over the constraint's topology domains, counting the pods its selector matches. */
    private static boolean spreadAllows(Pod pod, Node candidate, List<Node> nodes, List<Pod> pods) {
        for (TopologySpreadConstraint constraint : Optional.ofNullable(pod.getSpec().getTopologySpreadConstraints())
                .orElse(List.of())) {
            if (!"DoNotSchedule".equals(constraint.getWhenUnsatisfiable())) {
                continue;
            }
            String key = constraint.getTopologyKey();
            Map<String, Long> counts = new java.util.HashMap<>();
            nodes.stream().map(node -> node.getMetadata().getLabels().get(key)).filter(java.util.Objects::nonNull)
                    .forEach(domain -> counts.putIfAbsent(domain, 0L));
            for (Pod other : pods) {
                nodes.stream().filter(node -> node.getMetadata().getName().equals(other.getSpec().getNodeName()))
                        .findFirst()
                        .filter(node -> other.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace()))
                        .filter(node -> selects(constraint.getLabelSelector(), other.getMetadata().getLabels()))
                        .ifPresent(node -> counts.merge(node.getMetadata().getLabels().get(key), 1L, Long::sum));
            }
            String domain = candidate.getMetadata().getLabels().get(key);
            long minimum = counts.values().stream().min(Long::compare).orElse(0L);
            if (domain == null || counts.getOrDefault(domain, 0L) + 1 - minimum > constraint.getMaxSkew()) {
                return false;
            }
        }
        return true;
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        Map<String, String> actual = Optional.ofNullable(labels).orElse(Map.of());
        boolean labelsMatch = Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of()).entrySet().stream()
                .allMatch(entry -> entry.getValue().equals(actual.get(entry.getKey())));
        List<LabelSelectorRequirement> expressions = Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of());
        return labelsMatch && expressions.stream().allMatch(requirement ->
                matches(requirement.getKey(), requirement.getOperator(), requirement.getValues(), actual));
    }
}

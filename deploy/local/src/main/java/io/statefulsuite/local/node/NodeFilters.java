package io.statefulsuite.local.node;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The filters of kube-scheduler that Valkey pods meet, in its order (NodeAffinity, PodTopologySpread,
 * InterPodAffinity): the first one a node fails says why the pod cannot go there, in kube-scheduler's words, so
 * that {@link Unschedulable} can phrase the message a real cluster shows; {@link PodVolumes} adds the volume filters.
 * Not honoured: taints, resources, ports, required pod affinity, namespaceSelector in affinity terms and
 * matchLabelKeys.
 */
final class NodeFilters {

    static final String NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
    static final String SPREAD = "node(s) didn't match pod topology spread constraints";
    static final String SPREAD_MISSING_LABEL = "node(s) didn't match pod topology spread constraints (missing required label)";
    static final String EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
    static final String ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

    private NodeFilters() {
    }

    /**
     * Why {@code pod} cannot run on {@code candidate}, or empty when it can.
     *
     * @param placed pods already on one of {@code nodes}, not terminating
     */
    static Optional<String> rejection(Pod pod, Node candidate, List<Node> nodes, List<Pod> placed) {
        if (!matchesNodeAffinity(pod, candidate)) {
            return Optional.of(NODE_AFFINITY);
        }
        Optional<String> spread = spreadRejection(pod, candidate, nodes, placed);
        if (spread.isPresent()) {
            return spread;
        }
        return antiAffinityRejection(pod, candidate, nodes, placed);
    }

    /** nodeSelector and required node affinity: one plugin, one reason, as in kube-scheduler. */
    static boolean matchesNodeAffinity(Pod pod, Node node) {
        Map<String, String> labels = labels(node);
        boolean selectorMatches = Optional.ofNullable(pod.getSpec().getNodeSelector()).orElse(Map.of()).entrySet()
                .stream().allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
        var affinity = pod.getSpec().getAffinity();
        if (!selectorMatches || affinity == null || affinity.getNodeAffinity() == null
                || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return selectorMatches;
        }
        return matchesAnyTerm(affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms(), node);
    }

    /** Node selector terms, as pods' required node affinity and volumes' node affinity use them: any term matches. */
    static boolean matchesAnyTerm(List<NodeSelectorTerm> terms, Node node) {
        Map<String, String> labels = labels(node);
        return terms.stream().anyMatch(term -> Optional.ofNullable(term.getMatchExpressions()).orElse(List.of())
                .stream().allMatch(requirement -> matches(requirement.getKey(), requirement.getOperator(),
                        requirement.getValues(), labels)));
    }

    /**
     * maxSkew over the constraint's topology domains, counting the pods its selector matches. As in kube-scheduler
     * (nodeAffinityPolicy Honor by default), only nodes the pod may go to make domains: a cluster restricted to one
     * zone is not skewed against the zones it excludes.
     */
    private static Optional<String> spreadRejection(Pod pod, Node candidate, List<Node> nodes, List<Pod> placed) {
        for (TopologySpreadConstraint constraint : Optional.ofNullable(pod.getSpec().getTopologySpreadConstraints())
                .orElse(List.of())) {
            if (!"DoNotSchedule".equals(constraint.getWhenUnsatisfiable())) {
                continue;
            }
            String key = constraint.getTopologyKey();
            String domain = labels(candidate).get(key);
            if (domain == null) {
                return Optional.of(SPREAD_MISSING_LABEL);
            }
            boolean honourAffinity = !"Ignore".equals(constraint.getNodeAffinityPolicy());
            List<Node> eligible = nodes.stream().filter(node -> labels(node).containsKey(key))
                    .filter(node -> !honourAffinity || matchesNodeAffinity(pod, node)).toList();
            Map<String, Long> counts = new HashMap<>();
            eligible.forEach(node -> counts.putIfAbsent(labels(node).get(key), 0L));
            for (Pod other : placed) {
                nodeOf(other, eligible).map(node -> labels(node).get(key))
                        .filter(ignored -> other.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace()))
                        .filter(ignored -> selects(constraint.getLabelSelector(), other.getMetadata().getLabels()))
                        .ifPresent(otherDomain -> counts.merge(otherDomain, 1L, Long::sum));
            }
            long minimum = counts.values().stream().min(Long::compare).orElse(0L);
            if (constraint.getMinDomains() != null && counts.size() < constraint.getMinDomains()) {
                minimum = 0;
            }
            long self = selects(constraint.getLabelSelector(), pod.getMetadata().getLabels()) ? 1 : 0;
            if (counts.getOrDefault(domain, 0L) + self - minimum > constraint.getMaxSkew()) {
                return Optional.of(SPREAD);
            }
        }
        return Optional.empty();
    }

    /** Required anti-affinity, both ways: placed pods that refuse this one, and pods this one refuses. */
    private static Optional<String> antiAffinityRejection(Pod pod, Node candidate, List<Node> nodes, List<Pod> placed) {
        for (Pod other : placed) {
            Optional<Node> otherNode = nodeOf(other, nodes);
            if (otherNode.isPresent() && requiredAntiAffinity(other).stream()
                    .anyMatch(term -> selects(term, other, pod) && sameDomain(term, otherNode.get(), candidate))) {
                return Optional.of(EXISTING_ANTI_AFFINITY);
            }
        }
        for (PodAffinityTerm term : requiredAntiAffinity(pod)) {
            for (Pod other : placed) {
                Optional<Node> otherNode = nodeOf(other, nodes);
                if (otherNode.isPresent() && selects(term, pod, other) && sameDomain(term, otherNode.get(), candidate)) {
                    return Optional.of(ANTI_AFFINITY);
                }
            }
        }
        return Optional.empty();
    }

    private static List<PodAffinityTerm> requiredAntiAffinity(Pod pod) {
        var affinity = pod.getSpec().getAffinity();
        if (affinity == null || affinity.getPodAntiAffinity() == null) {
            return List.of();
        }
        return Optional.ofNullable(affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
                .orElse(List.of());
    }

    /** A term of {@code owner} selects {@code target}: in the term's namespaces (default: the owner's) by labels. */
    private static boolean selects(PodAffinityTerm term, Pod owner, Pod target) {
        List<String> namespaces = Optional.ofNullable(term.getNamespaces()).filter(list -> !list.isEmpty())
                .orElse(List.of(owner.getMetadata().getNamespace()));
        return namespaces.contains(target.getMetadata().getNamespace())
                && term.getLabelSelector() != null && selects(term.getLabelSelector(), target.getMetadata().getLabels());
    }

    private static boolean sameDomain(PodAffinityTerm term, Node one, Node other) {
        String domain = labels(one).get(term.getTopologyKey());
        return domain != null && domain.equals(labels(other).get(term.getTopologyKey()));
    }

    private static Optional<Node> nodeOf(Pod pod, List<Node> nodes) {
        return nodes.stream().filter(node -> node.getMetadata().getName().equals(pod.getSpec().getNodeName()))
                .findFirst();
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

    private static boolean matches(String key, String operator, List<String> values, Map<String, String> labels) {
        String value = labels.get(key);
        List<String> allowed = Objects.requireNonNullElse(values, List.of());
        return switch (operator) {
            case "In" -> value != null && allowed.contains(value);
            case "NotIn" -> value == null || !allowed.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }

    static Map<String, String> labels(Node node) {
        return Optional.ofNullable(node.getMetadata().getLabels()).orElse(Map.of());
    }
}

package io.statefulsuite.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/** Kubernetes label selectors (matchLabels and matchExpressions); an empty selector matches everything. */
public final class Selectors {

    private Selectors() {
    }

    public static boolean matches(JsonNode selector, Map<String, String> labels) {
        for (var wanted : Manifest.stringMap(selector.path("matchLabels")).entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            if (!expressionMatches(expression, labels)) {
                return false;
            }
        }
        return true;
    }

    private static boolean expressionMatches(JsonNode expression, Map<String, String> labels) {
        String key = expression.path("key").asText();
        Set<String> values = Set.copyOf(StreamSupport.stream(expression.path("values").spliterator(), false)
                .map(JsonNode::asText).toList());
        return switch (expression.path("operator").asText()) {
            case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
            case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
            case "Exists" -> labels.containsKey(key);
            case "DoesNotExist" -> !labels.containsKey(key);
            default -> throw new IllegalArgumentException("Unknown selector operator in " + expression);
        };
    }
}

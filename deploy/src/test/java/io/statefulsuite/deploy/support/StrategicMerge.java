package io.statefulsuite.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Strategic merge as far as deploy/'s patches need it: maps merge, null removes a key, lists of named items
 * (containers, volumes, env, ports) merge by name, other lists are replaced.
 */
final class StrategicMerge {

    private StrategicMerge() {
    }

    static void merge(ObjectNode target, ObjectNode patch) {
        patch.properties().forEach(e -> {
            String key = e.getKey();
            JsonNode value = e.getValue();
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && current != null && current.isObject()) {
                merge((ObjectNode) current, (ObjectNode) value);
            } else if (value.isArray() && current != null && current.isArray() && namedItems(value)) {
                mergeByName((ArrayNode) current, (ArrayNode) value);
            } else {
                target.set(key, value.deepCopy());
            }
        });
    }

    private static boolean namedItems(JsonNode list) {
        for (JsonNode item : list) {
            if (!item.isObject() || !item.has("name")) {
                return false;
            }
        }
        return !list.isEmpty();
    }

    private static void mergeByName(ArrayNode current, ArrayNode patch) {
        for (JsonNode item : patch) {
            ObjectNode existing = null;
            for (JsonNode candidate : current) {
                if (candidate.path("name").equals(item.get("name"))) {
                    existing = (ObjectNode) candidate;
                }
            }
            if (existing == null) {
                current.add(item.deepCopy());
            } else {
                merge(existing, (ObjectNode) item);
            }
        }
    }
}

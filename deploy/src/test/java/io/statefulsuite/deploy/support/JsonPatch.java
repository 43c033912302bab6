package io.statefulsuite.deploy.support;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** RFC 6902 add / replace / remove, which is what deploy/'s JSON patches use. A path that does not exist fails. */
final class JsonPatch {

    private JsonPatch() {
    }

    static void apply(ObjectNode target, ArrayNode operations) {
        for (JsonNode op : operations) {
            JsonPointer path = JsonPointer.compile(op.path("path").asText());
            JsonNode parent = target.at(path.head());
            String last = path.last().getMatchingProperty();
            if (parent.isMissingNode()) {
                throw new IllegalStateException("JSON patch path " + path + " has no parent in " + target.path("metadata").path("name"));
            }
            switch (op.path("op").asText()) {
                case "add" -> add(parent, last, op.get("value"));
                case "replace" -> replace(parent, last, op.get("value"), path);
                case "remove" -> remove(parent, last, path);
                default -> throw new IllegalStateException("Unsupported JSON patch op " + op);
            }
        }
    }

    private static void add(JsonNode parent, String last, JsonNode value) {
        if (parent.isArray()) {
            ArrayNode array = (ArrayNode) parent;
            if (last.equals("-")) {
                array.add(value.deepCopy());
            } else {
                array.insert(Integer.parseInt(last), value.deepCopy());
            }
        } else {
            ((ObjectNode) parent).set(last, value.deepCopy());
        }
    }

    private static void replace(JsonNode parent, String last, JsonNode value, JsonPointer path) {
        requireExists(parent, last, path);
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), value.deepCopy());
        } else {
            ((ObjectNode) parent).set(last, value.deepCopy());
        }
    }

    private static void remove(JsonNode parent, String last, JsonPointer path) {
        requireExists(parent, last, path);
        if (parent.isArray()) {
            ((ArrayNode) parent).remove(Integer.parseInt(last));
        } else {
            ((ObjectNode) parent).remove(last);
        }
    }

    private static void requireExists(JsonNode parent, String last, JsonPointer path) {
        boolean exists = parent.isArray() ? Integer.parseInt(last) < parent.size() : parent.has(last);
        if (!exists) {
            throw new IllegalStateException("JSON patch path " + path + " does not exist");
        }
    }
}

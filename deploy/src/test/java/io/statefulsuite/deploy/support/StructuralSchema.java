package io.statefulsuite.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Validates a value against a CRD's structural schema as the API server does: types, required fields, enums,
 * and no unknown fields (the server would silently prune them, losing the setting).
 */
public final class StructuralSchema {

    private StructuralSchema() {
    }

    public static List<String> violations(JsonNode value, JsonNode schema) {
        List<String> violations = new ArrayList<>();
        validate(value, schema, "", violations);
        return violations;
    }

    private static void validate(JsonNode value, JsonNode schema, String path, List<String> violations) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                violations.add(path + ": must be an integer or a string");
            }
            return;
        }
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !hasType(value, type)) {
            violations.add(path + ": must be " + type + ", is " + value.getNodeType());
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            violations.add(path + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value.isObject()) {
            validateObject(value, schema, path, violations);
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                validate(value.get(i), schema.get("items"), path + "[" + i + "]", violations);
            }
        }
    }

    private static void validateObject(JsonNode value, JsonNode schema, String path, List<String> violations) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                violations.add(path + ": required field " + required.asText() + " is missing");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
        value.properties().forEach(e -> {
            String child = path + "." + e.getKey();
            if (properties.has(e.getKey())) {
                validate(e.getValue(), properties.get(e.getKey()), child, violations);
            } else if (additional.isObject()) {
                validate(e.getValue(), additional, child, violations);
            } else if (!preserve && !additional.asBoolean(false)) {
                violations.add(child + ": unknown field");
            }
        });
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode allowed : values) {
            if (allowed.equals(value)) {
                return true;
            }
        }
        return false;
    }
}

package io.statefulsuite.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** One Kubernetes object as YAML tree, with the file it came from (for messages). */
public record Manifest(ObjectNode node, Path source) {

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CustomResourceDefinition", "ClusterRole",
            "ClusterRoleBinding", "StorageClass", "PriorityClass", "PersistentVolume", "Node");

    public String apiVersion() {
        return node.path("apiVersion").asText();
    }

    /** The API group ("" for the core group). */
    public String group() {
        String apiVersion = apiVersion();
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    public String kind() {
        return node.path("kind").asText();
    }

    public String name() {
        return node.path("metadata").path("name").asText();
    }

    public String namespace() {
        return node.path("metadata").path("namespace").asText();
    }

    public boolean clusterScoped() {
        return CLUSTER_SCOPED.contains(kind());
    }

    public Map<String, String> labels() {
        return stringMap(node.path("metadata").path("labels"));
    }

    public Map<String, String> annotations() {
        return stringMap(node.path("metadata").path("annotations"));
    }

    public JsonNode at(String pointer) {
        return node.at(pointer);
    }

    public boolean is(String kind, String name) {
        return kind().equals(kind) && name().equals(name);
    }

    /** kind/namespace/name, the identity kustomize and the API server use. */
    public String id() {
        return kind() + "/" + (clusterScoped() ? "" : namespace()) + "/" + name();
    }

    @Override
    public String toString() {
        return id() + " (" + source + ")";
    }

    public static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}

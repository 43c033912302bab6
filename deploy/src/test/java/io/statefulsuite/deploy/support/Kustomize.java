package io.statefulsuite.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subset of {@code kustomize build} deploy/ uses, with kustomize's rules (there is no kustomize binary here):
 * resources are files inside the kustomization root or directories holding a kustomization; components (kind
 * Component) then add their resources and patch everything accumulated so far; patches (strategic merge or JSON
 * 6902) must match an object; then images, replicas, labels, annotations and namespace apply.
 * Any other kustomization field fails the build, so nothing is silently ignored.
 */
public final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "components", "patches",
            "images", "replicas", "namespace", "labels", "commonAnnotations");

    private Kustomize() {
    }

    public static Path kustomizationFile(Path dir) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new IllegalStateException("No kustomization in " + dir);
    }

    public static boolean isKustomizationRoot(Path dir) {
        return Files.isDirectory(dir) && List.of("kustomization.yaml", "kustomization.yml", "Kustomization").stream()
                .anyMatch(name -> Files.isRegularFile(dir.resolve(name)));
    }

    /** Whether the kustomization in {@code dir} is a Component, which only a kustomization listing it can build. */
    public static boolean isComponent(Path dir) {
        return isComponent(Yaml.single(kustomizationFile(dir)));
    }

    private static boolean isComponent(JsonNode kustomization) {
        return kustomization.path("kind").asText().equals("Component");
    }

    public static List<Manifest> build(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        Path file = kustomizationFile(root);
        JsonNode k = Yaml.single(file);
        if (isComponent(k)) {
            throw new IllegalStateException(file + " is a Component: list it under components of a kustomization");
        }
        List<Manifest> objects = new ArrayList<>();
        apply(root, file, k, objects);
        return objects;
    }

    private static void apply(Path root, Path file, JsonNode k, List<Manifest> objects) {
        k.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalStateException(file + ": field '" + field + "' is not understood by this check");
            }
        });
        for (JsonNode resource : k.path("resources")) {
            objects.addAll(load(root, resource.asText(), file));
        }
        for (JsonNode component : k.path("components")) {
            applyComponent(root, component.asText(), file, objects);
        }
        for (JsonNode patch : k.path("patches")) {
            applyPatch(root, file, patch, objects);
        }
        k.path("images").forEach(image -> applyImage(image, objects, file));
        k.path("replicas").forEach(replicas -> applyReplicas(replicas, objects, file));
        k.path("labels").forEach(labels -> applyLabels(labels, objects));
        if (k.has("commonAnnotations")) {
            objects.forEach(m -> metadataMap(m.node(), "annotations").setAll((ObjectNode) k.get("commonAnnotations").deepCopy()));
        }
        if (k.has("namespace")) {
            applyNamespace(k.get("namespace").asText(), objects);
        }
    }

    private static void applyComponent(Path root, String reference, Path file, List<Manifest> objects) {
        Path componentRoot = root.resolve(reference).normalize();
        if (!isKustomizationRoot(componentRoot)) {
            throw new IllegalStateException(file + ": component " + reference + " holds no kustomization");
        }
        Path componentFile = kustomizationFile(componentRoot);
        JsonNode component = Yaml.single(componentFile);
        if (!isComponent(component)) {
            throw new IllegalStateException(file + ": " + reference + " is listed under components but is no Component");
        }
        apply(componentRoot, componentFile, component, objects);
    }

    private static List<Manifest> load(Path root, String reference, Path file) {
        Path target = root.resolve(reference).normalize();
        if (Files.isDirectory(target)) {
            if (!isKustomizationRoot(target)) {
                throw new IllegalStateException(file + ": resource directory " + reference + " holds no kustomization");
            }
            return build(target);
        }
        if (!Files.isRegularFile(target)) {
            throw new IllegalStateException(file + ": resource " + reference + " does not exist");
        }
        requireInsideRoot(root, target, file, reference);
        return Yaml.objects(target).stream().map(node -> new Manifest(node, target)).toList();
    }

    /** kustomize's load restrictor: files (not kustomization directories) must be inside the root. */
    private static void requireInsideRoot(Path root, Path target, Path file, String reference) {
        if (!target.startsWith(root)) {
            throw new IllegalStateException(file + ": " + reference + " is outside the kustomization root "
                    + "(kustomize's load restrictor rejects it; reference a directory with a kustomization instead)");
        }
    }

    private static void applyPatch(Path root, Path file, JsonNode patch, List<Manifest> objects) {
        JsonNode content;
        if (patch.has("path")) {
            Path patchFile = root.resolve(patch.get("path").asText()).normalize();
            requireInsideRoot(root, patchFile, file, patch.get("path").asText());
            if (!Files.isRegularFile(patchFile)) {
                throw new IllegalStateException(file + ": patch " + patchFile + " does not exist");
            }
            content = Yaml.single(patchFile);
        } else {
            content = readInline(patch.path("patch").asText(), file);
        }
        List<Manifest> targets = patch.has("target")
                ? objects.stream().filter(m -> matches(patch.get("target"), m)).toList()
                : objects.stream().filter(m -> m.kind().equals(content.path("kind").asText())
                        && m.name().equals(content.path("metadata").path("name").asText())).toList();
        if (targets.isEmpty()) {
            throw new IllegalStateException(file + ": patch " + patch + " matches no object");
        }
        for (Manifest target : targets) {
            if (content.isArray()) {
                JsonPatch.apply(target.node(), (ArrayNode) content);
            } else {
                StrategicMerge.merge(target.node(), withoutIdentity((ObjectNode) content));
            }
        }
    }

    /** With a target, kustomize applies a strategic merge patch whatever name and kind it names. */
    private static ObjectNode withoutIdentity(ObjectNode patch) {
        ObjectNode copy = patch.deepCopy();
        copy.remove(List.of("apiVersion", "kind"));
        if (copy.path("metadata").isObject()) {
            ((ObjectNode) copy.get("metadata")).remove(List.of("name", "namespace"));
        }
        return copy;
    }

    private static JsonNode readInline(String text, Path file) {
        try {
            return Yaml.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(file + ": inline patch does not parse: " + e.getMessage(), e);
        }
    }

    /** kustomize's target selector: kind, name and namespace are anchored regular expressions. */
    private static boolean matches(JsonNode target, Manifest m) {
        if (!matchesField(target, "kind", m.kind()) || !matchesField(target, "name", m.name())
                || !matchesField(target, "namespace", m.namespace())) {
            return false;
        }
        if (target.has("labelSelector")) {
            for (String term : target.get("labelSelector").asText().split(",")) {
                String[] kv = term.split("=", 2);
                if (!kv[1].trim().equals(m.labels().get(kv[0].trim()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matchesField(JsonNode target, String field, String value) {
        return !target.has(field) || value.matches(target.get(field).asText());
    }

    private static void applyImage(JsonNode image, List<Manifest> objects, Path file) {
        String name = image.path("name").asText();
        boolean used = false;
        for (Manifest m : objects) {
            for (JsonNode container : m.at("/spec/template/spec/containers")) {
                String current = container.path("image").asText();
                int tagAt = current.lastIndexOf(':');
                String currentName = tagAt > current.lastIndexOf('/') ? current.substring(0, tagAt) : current;
                String currentTag = tagAt > current.lastIndexOf('/') ? current.substring(tagAt + 1) : "latest";
                if (currentName.equals(name)) {
                    used = true;
                    ((ObjectNode) container).put("image", image.path("newName").asText(currentName) + ":"
                            + image.path("newTag").asText(currentTag));
                }
            }
        }
        if (!used) {
            throw new IllegalStateException(file + ": image " + name + " is used by no container");
        }
    }

    private static void applyReplicas(JsonNode replicas, List<Manifest> objects, Path file) {
        List<Manifest> targets = objects.stream()
                .filter(m -> m.name().equals(replicas.path("name").asText()) && m.node().path("spec").has("replicas"))
                .toList();
        if (targets.isEmpty()) {
            throw new IllegalStateException(file + ": replicas for " + replicas.path("name").asText() + " match no workload");
        }
        targets.forEach(m -> ((ObjectNode) m.node().get("spec")).put("replicas", replicas.path("count").asInt()));
    }

    private static void applyLabels(JsonNode labels, List<Manifest> objects) {
        ObjectNode pairs = (ObjectNode) labels.path("pairs");
        for (Manifest m : objects) {
            metadataMap(m.node(), "labels").setAll(pairs.deepCopy());
            if (labels.path("includeTemplates").asBoolean() && m.at("/spec/template/metadata").isObject()) {
                metadataMap((ObjectNode) m.at("/spec/template"), "labels").setAll(pairs.deepCopy());
            }
            if (labels.path("includeSelectors").asBoolean()) {
                throw new IllegalStateException("labels.includeSelectors changes immutable selectors: not used in deploy/");
            }
        }
    }

    /** kustomize's namespace transformer: namespaced objects, and binding subjects named "default" only. */
    private static void applyNamespace(String namespace, List<Manifest> objects) {
        for (Manifest m : objects) {
            if (!m.clusterScoped()) {
                ((ObjectNode) m.node().get("metadata")).put("namespace", namespace);
            }
            for (JsonNode subject : m.node().path("subjects")) {
                if (subject.path("name").asText().equals("default")) {
                    ((ObjectNode) subject).set("namespace", TextNode.valueOf(namespace));
                }
            }
        }
    }

    private static ObjectNode metadataMap(ObjectNode object, String field) {
        ObjectNode metadata = object.withObjectProperty("metadata");
        return metadata.has(field) ? (ObjectNode) metadata.get(field) : metadata.putObject(field);
    }

    /** Objects of a build by kind. */
    public static List<Manifest> ofKind(List<Manifest> objects, String kind) {
        return objects.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    public static Manifest one(List<Manifest> objects, String kind, String name) {
        return objects.stream().filter(m -> m.is(kind, name)).findFirst()
                .orElseThrow(() -> new AssertionError("No " + kind + " " + name + " in the build"));
    }

    public static Map<String, String> labelsOf(JsonNode metadata) {
        return Manifest.stringMap(metadata.path("labels"));
    }
}

package io.statefulsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.statefulsuite.deploy.support.DeployFiles;
import io.statefulsuite.deploy.support.Manifest;
import io.statefulsuite.deploy.support.Yaml;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every YAML file parses, and every Kubernetes object is a valid object of its kind as fabric8's model knows it. */
class ManifestFilesTest {

    /** Kinds defined by CRDs of other projects: checked against their published schemas by CrdSchemaTest. */
    static final Set<String> SCHEMA_CHECKED_KINDS = Set.of("ServiceMonitor", "PrometheusRule", "Application", "AppProject");

    private static final ClassValue<List<Method>> GETTERS = new ClassValue<>() {
        @Override
        protected List<Method> computeValue(Class<?> type) {
            return Stream.of(type.getMethods()).filter(ManifestFilesTest::isGetter).toList();
        }
    };

    private static final KubernetesSerialization serialization = new KubernetesSerialization();

    @Test
    void everyYamlFileParses() {
        List<Path> files = DeployFiles.yamlFiles();
        assertThat(files).hasSizeGreaterThan(20);
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            try {
                assertThat(Yaml.documents(file)).as(file.toString()).isNotEmpty();
            } catch (RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyObjectDeserialisesIntoItsFabric8TypeWithoutUnknownFields() {
        List<String> problems = new ArrayList<>();
        for (Manifest m : DeployFiles.kubernetesObjects()) {
            if (!SCHEMA_CHECKED_KINDS.contains(m.kind()) && !m.group().equals(CrdSchemaTest.SUITE_GROUP)) {
                problems.addAll(typeProblems(m));
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Why {@code m} is no valid object of a Kubernetes kind fabric8's model knows (none: it is one). */
    static List<String> typeProblems(Manifest m) {
        List<String> problems = new ArrayList<>();
        Class<? extends KubernetesResource> type = serialization.getRegisteredKubernetesResource(m.apiVersion(), m.kind());
        if (type == null || type == GenericKubernetesResource.class) {
            return List.of(m + ": " + m.apiVersion() + " " + m.kind() + " is no kind fabric8's model knows");
        }
        unknownFields(serialization.convertValue(m.node(), type), m.kind(), problems, m.source());
        if (m.name().isEmpty()) {
            problems.add(m + ": metadata.name missing");
        }
        return problems;
    }

    @Test
    void namespacedObjectsOutsideNamespaceAccessNameTheirNamespace() {
        List<Manifest> missing = DeployFiles.kubernetesObjects().stream()
                .filter(m -> !m.clusterScoped() && !m.kind().equals("Application") && !m.kind().equals("AppProject"))
                .filter(m -> !m.source().toString().contains("namespace-access"))
                .filter(m -> m.namespace().isEmpty())
                .toList();
        assertThat(missing).as("namespaced objects without metadata.namespace").isEmpty();
    }

    @Test
    void unknownFieldDetectionWorks() {
        List<String> problems = new ArrayList<>();
        JsonNode deployment = Yaml.MAPPER.valueToTree(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "x"),
                "spec", Map.of("template", Map.of("spec", Map.of("containers",
                        List.of(Map.of("name", "c", "readinessprobe", Map.of())))))));
        unknownFields(serialization.convertValue(deployment, io.fabric8.kubernetes.api.model.apps.Deployment.class),
                "Deployment", problems, Path.of("inline"));
        assertThat(problems).singleElement().asString().contains("readinessprobe");
    }

    /** fabric8 keeps fields its model does not know in additionalProperties: a typo lands there. */
    private static void unknownFields(Object value, String path, List<String> problems, Path source) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof Enum) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, source));
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, source);
            }
            return;
        }
        if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : GETTERS.get(value.getClass())) {
            Object child = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(source + ": " + path + " has fields its kind does not define: " + extra.keySet());
                }
            } else {
                unknownFields(child, path + "." + property(getter), problems, source);
            }
        }
    }

    private static boolean isGetter(Method method) {
        return method.getName().startsWith("get") && method.getParameterCount() == 0
                && !Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() != Object.class;
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter + ": " + e.getMessage(), e);
        }
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}

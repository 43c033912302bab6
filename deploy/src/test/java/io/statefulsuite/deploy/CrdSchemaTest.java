package io.statefulsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statefulsuite.deploy.support.DeployFiles;
import io.statefulsuite.deploy.support.Manifest;
import io.statefulsuite.deploy.support.Repo;
import io.statefulsuite.deploy.support.StructuralSchema;
import io.statefulsuite.deploy.support.Yaml;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ServiceMonitors, PrometheusRules, Applications and AppProjects match the published CRDs of Prometheus Operator
 * and Argo CD (trimmed copies in src/test/resources/crd-schemas, sources in SOURCE.md there).
 */
class CrdSchemaTest {

    static final String SUITE_GROUP = "stateful.suite.io";

    private static final Map<String, String> SCHEMAS = Map.of(
            "ServiceMonitor", "servicemonitor.json",
            "PrometheusRule", "prometheusrule.json",
            "Application", "application.json",
            "AppProject", "appproject.json");

    @Test
    void everyObjectOfAPublishedCrdKindMatchesItsSchema() {
        List<Manifest> checked = DeployFiles.kubernetesObjects().stream()
                .filter(m -> ManifestFilesTest.SCHEMA_CHECKED_KINDS.contains(m.kind())).toList();
        assertThat(checked).extracting(Manifest::kind).containsAll(SCHEMAS.keySet());
        List<String> violations = new ArrayList<>();
        for (Manifest m : checked) {
            assertThat(m.name()).as(m + " metadata.name").isNotEmpty();
            violations.addAll(schemaViolations(m));
        }
        assertThat(violations).isEmpty();
    }

    /** Where {@code m}, of a kind with a published CRD (ServiceMonitor, ...), breaks that CRD's schema. */
    static List<String> schemaViolations(Manifest m) {
        JsonNode crd = schemaFile(m.kind());
        assertThat(m.apiVersion()).as(m.toString())
                .isEqualTo(crd.get("group").asText() + "/" + crd.get("version").asText());
        return StructuralSchema.violations(m.node(), withoutUncheckedRoot(crd.get("schema"))).stream()
                .map(v -> m + " " + v).toList();
    }

    @Test
    void everyObjectOfTheSuitesOwnKindsMatchesTheGeneratedCrd() {
        Map<String, JsonNode> crds = new java.util.HashMap<>();
        for (var file : Repo.files(Repo.deploy("crds"), ".yml")) {
            JsonNode crd = Yaml.single(file);
            crds.put(crd.at("/spec/names/kind").asText(), crd);
        }
        List<Manifest> own = DeployFiles.kubernetesObjects().stream().filter(m -> m.group().equals(SUITE_GROUP)).toList();
        assertThat(own).extracting(Manifest::kind).contains("SecretSync");
        List<String> violations = new ArrayList<>();
        for (Manifest m : own) {
            JsonNode crd = crds.get(m.kind());
            assertThat(crd).as(m + " has a CRD in deploy/crds").isNotNull();
            JsonNode version = crd.at("/spec/versions/0");
            assertThat(m.apiVersion()).isEqualTo(SUITE_GROUP + "/" + version.path("name").asText());
            JsonNode schema = version.at("/schema/openAPIV3Schema").deepCopy();
            ((ObjectNode) schema).withObjectProperty("properties").remove("status");
            StructuralSchema.violations(m.node(), withoutUncheckedRoot(schema)).forEach(v -> violations.add(m + " " + v));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theValidatorRejectsUnknownFieldsMissingRequiredOnesAndWrongTypes() throws IOException {
        JsonNode monitor = Yaml.MAPPER.readTree("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                spec:
                  selector: {}
                  endpoints:
                    - port: http
                      pathh: /q/metrics
                      interval: 30
                spc: {}
                """);
        JsonNode schema = withoutUncheckedRoot(schemaFile("ServiceMonitor").get("schema"));
        assertThat(StructuralSchema.violations(monitor, schema))
                .anySatisfy(v -> assertThat(v).contains("pathh: unknown field"))
                .anySatisfy(v -> assertThat(v).contains("interval: must be string"))
                .anySatisfy(v -> assertThat(v).contains(".spc: unknown field"));
        JsonNode rule = Yaml.MAPPER.readTree("spec:\n  groups:\n    - rules:\n        - alert: X\n");
        assertThat(StructuralSchema.violations(rule, withoutUncheckedRoot(schemaFile("PrometheusRule").get("schema"))))
                .contains(".spec.groups[0]: required field name is missing", ".spec.groups[0].rules[0]: required field expr is missing");
    }

    /** The trimmed schemas hold spec only; apiVersion, kind and metadata are the API server's to check. */
    private static JsonNode withoutUncheckedRoot(JsonNode schema) {
        ObjectNode copy = schema.deepCopy();
        ObjectNode properties = copy.withObjectProperty("properties");
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        properties.putObject("metadata").put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        return copy;
    }

    private static JsonNode schemaFile(String kind) {
        try (InputStream in = CrdSchemaTest.class.getResourceAsStream("/crd-schemas/" + SCHEMAS.get(kind))) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

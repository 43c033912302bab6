package io.statefulsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statefulsuite.deploy.support.Repo;
import io.statefulsuite.deploy.support.RestPaths;
import io.statefulsuite.deploy.support.StructuralSchema;
import io.statefulsuite.deploy.support.Yaml;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline examples agree with the code they call: the scripts they run exist, the URLs the script builds are
 * paths the services serve, the words it waits for are the services' phase and verdict names, and the example
 * spec is a valid ValkeyCluster spec by the generated CRD.
 */
class PipelineContractTest {

    private static final Path PIPELINES = Repo.deploy("pipelines");

    @Test
    void pipelinesRunScriptsThatExist() {
        List<Path> definitions = List.of(PIPELINES.resolve("github-actions/valkey-cluster.yml"),
                PIPELINES.resolve("azure-pipelines/valkey-cluster.yml"));
        assertThat(definitions).hasSize(2);
        for (Path definition : definitions) {
            Matcher script = Pattern.compile("deploy/pipelines/scripts/[\\w.-]+\\.sh").matcher(Repo.read(definition));
            int found = 0;
            while (script.find()) {
                found++;
                Path file = Repo.deploy().getParent().resolve(script.group());
                assertThat(Files.isExecutable(file)).as(definition + " runs " + script.group()).isTrue();
            }
            assertThat(found).as(definition + " runs the shared scripts").isEqualTo(2);
        }
    }

    @Test
    void theScriptCallsPathsTheServicesServe() {
        assertThat(RestPaths.of("provisioner-service")).contains("/api/v1/namespaces/{}/valkey-clusters/{}");
        assertThat(RestPaths.of("valkey-health-service")).contains("/api/v1/namespaces/{}/valkey-clusters/{}/health");
        String script = Repo.read(PIPELINES.resolve("scripts/provision-valkey-cluster.sh"));
        assertThat(script).contains("/api/v1/namespaces/${NAMESPACE}/valkey-clusters/${CLUSTER}\"",
                "/api/v1/namespaces/${NAMESPACE}/valkey-clusters/${CLUSTER}/health\"");
        assertThat(RestPaths.normalise("/api/v1/namespaces/{namespace}/valkey-clusters/{name: [^/:]+}/"))
                .isEqualTo("/api/v1/namespaces/{}/valkey-clusters/{}");
    }

    @Test
    void theScriptWaitsForPhaseAndVerdictNamesTheServicesUse() {
        String phases = Repo.read(Repo.service("provisioner-service")
                .resolve("src/main/java/io/statefulsuite/provisioner/crd/ClusterPhase.java"));
        assertThat(phases).containsPattern("\\bReady,").containsPattern("\\bFailed,").containsPattern("\\bPending,");
        String verdicts = Repo.concatenated(Repo.javaSources("valkey-health-service").stream()
                .filter(p -> p.getFileName().toString().equals("HealthStatus.java")).toList());
        assertThat(verdicts).contains("UNHEALTHY(", "HEALTHY(", "DEGRADED(");
    }

    @Test
    void theExampleSpecIsAValidValkeyClusterSpec() throws IOException {
        JsonNode crd = Yaml.single(Repo.deploy("crds/valkeyclusters.stateful.suite.io-v1.yml"));
        JsonNode specSchema = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
        assertThat(specSchema.isObject()).as("ValkeyCluster CRD has a spec schema").isTrue();
        JsonNode example = new ObjectMapper().readTree(PIPELINES.resolve("examples/orders-cluster.json").toFile());
        assertThat(StructuralSchema.violations(example, specSchema)).isEmpty();
    }
}

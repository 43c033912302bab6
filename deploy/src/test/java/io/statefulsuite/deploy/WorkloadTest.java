package io.statefulsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.statefulsuite.deploy.support.DeployFiles;
import io.statefulsuite.deploy.support.Kustomize;
import io.statefulsuite.deploy.support.Manifest;
import io.statefulsuite.deploy.support.Repo;
import io.statefulsuite.deploy.support.ServiceConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.statefulsuite.deploy.support.Kustomize.one;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Deployments, Services, ConfigMaps and ServiceMonitors agree with each other and with the services'
 * configuration (ports, health and metrics paths, config keys), and run hardened.
 */
class WorkloadTest {

    private static final String IN_CLUSTER_PORT = "8080";

    /** What a check of one service in one overlay's build gets. */
    private interface ServiceCheck {
        void check(Path overlay, List<Manifest> objects, String service, ServiceConfig config);
    }

    private static void forEveryServiceInEveryOverlay(ServiceCheck check) {
        for (Path overlay : DeployFiles.overlays()) {
            List<Manifest> objects = Kustomize.build(overlay);
            for (String service : Repo.SERVICES) {
                check.check(overlay, objects, service, ServiceConfig.of(service));
            }
        }
    }

    @Test
    void probesPortsAndMetricPathsMatchTheServicesConfiguration() {
        forEveryServiceInEveryOverlay((overlay, objects, service, config) -> {
            Manifest deployment = one(objects, "Deployment", service);
            JsonNode container = container(deployment);
            assertThat(container.path("name").asText()).isEqualTo(service);
            assertThat(portNamed(container, "http").path("containerPort").asText()).isEqualTo(IN_CLUSTER_PORT);
            assertProbe(container, "livenessProbe", config.healthPath("live"));
            assertProbe(container, "readinessProbe", config.healthPath("ready"));
            assertProbe(container, "startupProbe", config.healthPath("started"));

            Manifest configMap = one(objects, "ConfigMap",
                    container.at("/envFrom/0/configMapRef/name").asText());
            assertThat(configMap.at("/data/QUARKUS_HTTP_PORT").asText()).as(service + " listens where probes look")
                    .isEqualTo(IN_CLUSTER_PORT);
            assertThat(config.property("quarkus.http.port", null)).as(service + " knows quarkus.http.port").isNotNull();

            Manifest svc = one(objects, "Service", service);
            assertThat(svc.at("/spec/selector")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
            assertThat(selects(svc.at("/spec/selector"), deployment.at("/spec/template/metadata/labels"))).isTrue();
            assertThat(svc.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");

            Manifest monitor = one(objects, "ServiceMonitor", service);
            assertThat(selects(monitor.at("/spec/selector/matchLabels"), svc.at("/metadata/labels"))).isTrue();
            assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo(svc.at("/spec/ports/0/name").asText());
            assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo(config.metricsPath());
            assertThat(monitor.at("/spec/endpoints/0/honorLabels").asBoolean()).as("series keep their namespace/pod labels").isTrue();
        });
    }

    @Test
    void configMapKeysAreKeysTheServicesKnow() {
        forEveryServiceInEveryOverlay((overlay, objects, service, config) -> one(objects, "ConfigMap", service + "-config")
                .at("/data").fieldNames().forEachRemaining(key -> assertThat(
                        config.knownEnvironmentVariables().contains(key) || config.knowsMappedVariable(key))
                        .as(overlay.getFileName() + ": " + service + " knows " + key
                                + " (application.properties or @ConfigMapping)").isTrue()));
    }

    @Test
    void servicesThatReadPodNamespaceGetItFromTheDownwardApi() {
        forEveryServiceInEveryOverlay((overlay, objects, service, config) -> {
            if (!Repo.concatenated(Repo.javaSourcesWithSharedModules(service)).contains("POD_NAMESPACE")) {
                return;
            }
            JsonNode env = container(one(objects, "Deployment", service)).path("env");
            assertThat(env.findParents("name")).as(service + " env POD_NAMESPACE")
                    .anyMatch(e -> e.path("name").asText().equals("POD_NAMESPACE")
                            && e.at("/valueFrom/fieldRef/fieldPath").asText().equals("metadata.namespace"));
        });
    }

    @Test
    void configCheckRecognisesMappedNamesAndRejectsTypos() {
        ServiceConfig provisioner = ServiceConfig.of("provisioner-service");
        assertThat(provisioner.knowsMappedVariable("PROVISIONER_RECONCILE_RESYNC_INTERVAL")).isTrue();
        assertThat(provisioner.knowsMappedVariable("PROVISIONER_RECONCILE_RESYNC_INTERVALL")).isFalse();
        assertThat(provisioner.knowsMappedVariable("QUARKUS_HTTP_PORT")).isFalse();
    }

    @Test
    void everyServiceRunsHardenedReplicatedAndSpreadOverZones() {
        List<Manifest> objects = Kustomize.build(Repo.deploy("kubernetes/overlays/aks"));
        for (String service : Repo.SERVICES) {
            Manifest deployment = one(objects, "Deployment", service);
            JsonNode pod = deployment.at("/spec/template/spec");
            JsonNode container = container(deployment);
            assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").isBoolean()).isTrue();
            assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
            assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(container.at("/securityContext/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
            for (String resource : List.of("/resources/requests/cpu", "/resources/requests/memory",
                    "/resources/limits/cpu", "/resources/limits/memory")) {
                assertThat(container.at(resource).asText()).as(service + resource).isNotEmpty();
            }
            assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/tmp");
            assertThat(pod.at("/volumes/0/name").asText()).isEqualTo(container.at("/volumeMounts/0/name").asText());
            assertThat(pod.at("/volumes/0/emptyDir").isObject()).isTrue();
            assertThat(pod.at("/topologySpreadConstraints/0/topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
            assertThat(selects(pod.at("/topologySpreadConstraints/0/labelSelector/matchLabels"),
                    deployment.at("/spec/template/metadata/labels"))).isTrue();
            Manifest account = one(objects, "ServiceAccount", pod.path("serviceAccountName").asText());
            assertThat(account.namespace()).isEqualTo(deployment.namespace());
        }
    }

    private static JsonNode container(Manifest deployment) {
        JsonNode containers = deployment.at("/spec/template/spec/containers");
        assertThat(containers.size()).as(deployment.id() + " has one container").isEqualTo(1);
        return containers.get(0);
    }

    private static JsonNode portNamed(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asText().equals(name)) {
                return port;
            }
        }
        throw new AssertionError("No port " + name + " in " + container.path("name"));
    }

    private static void assertProbe(JsonNode container, String probe, String path) {
        assertThat(container.at("/" + probe + "/httpGet/path").asText()).as(probe).isEqualTo(path);
        assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(probe).isEqualTo("http");
    }

    /** Whether every pair of an equality selector is among the labels. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        Map<String, String> wanted = Manifest.stringMap(selector);
        Map<String, String> present = Manifest.stringMap(labels);
        return !wanted.isEmpty() && present.entrySet().containsAll(wanted.entrySet());
    }
}

package io.statefulsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.statefulsuite.deploy.support.DeployFiles;
import io.statefulsuite.deploy.support.Kustomize;
import io.statefulsuite.deploy.support.Manifest;
import io.statefulsuite.deploy.support.Repo;
import io.statefulsuite.deploy.support.ServiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.statefulsuite.deploy.support.Kustomize.one;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * components/https added to each overlay: every service serves HTTPS only on its usual port with its own mounted
 * Secret, as its https profile expects; probes and Prometheus follow; the provisioner calls its peers over HTTPS by
 * the names their certificates carry; nothing else changes.
 */
class HttpsComponentTest {

    private static final Path COMPONENT = Repo.deploy("kubernetes/components/https");
    private static final String PORT = "8080";

    @TempDir
    Path dir;

    @Test
    void everyServiceServesHttpsOnlyWithItsMountedSecret() throws IOException {
        for (Path overlay : DeployFiles.overlays()) {
            List<Manifest> objects = withHttps(overlay);
            for (String service : Repo.SERVICES) {
                ServiceConfig config = ServiceConfig.of(service);
                JsonNode container = one(objects, "Deployment", service).at("/spec/template/spec/containers/0");
                assertThat(container.path("ports")).singleElement().satisfies(port -> {
                    assertThat(port.path("name").asText()).isEqualTo("https");
                    assertThat(port.path("containerPort").asText()).isEqualTo(PORT);
                });
                assertThat(env(container)).containsEntry("QUARKUS_PROFILE", "prod,https");
                assertThat(config.property("%https.quarkus.http.insecure-requests", null)).as(service).isEqualTo("disabled");
                assertThat(config.property("%https.quarkus.http.ssl-port", null)).as(service).isEqualTo("${quarkus.http.port}");
                assertProbe(container, "startupProbe", config.healthPath("started"));
                assertProbe(container, "livenessProbe", config.healthPath("live"));
                assertProbe(container, "readinessProbe", config.healthPath("ready"));
                assertSecretMountedWhereTheServiceReadsIt(one(objects, "Deployment", service), container, config);
            }
        }
    }

    @Test
    void servicesAndServiceMonitorsUseHttpsAndPrometheusVerifiesTheCertificate() throws IOException {
        for (Path overlay : DeployFiles.overlays()) {
            List<Manifest> objects = withHttps(overlay);
            for (String service : Repo.SERVICES) {
                Manifest svc = one(objects, "Service", service);
                assertThat(svc.at("/spec/ports/0/name").asText()).isEqualTo("https");
                assertThat(svc.at("/spec/ports/0/targetPort").asText()).isEqualTo("https");
                assertThat(svc.at("/spec/ports/0/appProtocol").asText()).isEqualTo("https");

                JsonNode endpoint = one(objects, "ServiceMonitor", service).at("/spec/endpoints/0");
                assertThat(endpoint.path("port").asText()).isEqualTo("https");
                assertThat(endpoint.path("scheme").asText()).isEqualTo("https");
                assertThat(endpoint.at("/tlsConfig/ca/secret/name").asText()).isEqualTo(service + "-tls");
                assertThat(endpoint.at("/tlsConfig/ca/secret/key").asText()).isEqualTo("ca.crt");
                assertThat(endpoint.at("/tlsConfig/serverName").asText()).isEqualTo(service + "." + svc.namespace() + ".svc");
            }
        }
    }

    @Test
    void theProvisionerCallsItsPeersOverHttpsByTheirServiceNamesTrustingItsSecretsCa() throws IOException {
        for (Path overlay : DeployFiles.overlays()) {
            List<Manifest> objects = withHttps(overlay);
            JsonNode data = one(objects, "ConfigMap", "provisioner-service-config").at("/data");
            Map<String, String> peers = Map.of("PROVISIONER_SECRETS_SYNC_URL", "secrets-sync-service",
                    "PROVISIONER_HEALTH_URL", "valkey-health-service");
            peers.forEach((key, peer) -> {
                URI url = URI.create(data.path(key).asText());
                Manifest svc = one(objects, "Service", peer);
                assertThat(url.getScheme()).as(key).isEqualTo("https");
                assertThat(url.getHost()).as(key).isEqualTo(peer + "." + svc.namespace() + ".svc");
                assertThat(String.valueOf(url.getPort())).as(key).isEqualTo(svc.at("/spec/ports/0/port").asText());
            });
            ServiceConfig provisioner = ServiceConfig.of("provisioner-service");
            assertThat(provisioner.property("%https.quarkus.tls.peers.trust-store.pem.certs", null))
                    .isEqualTo("${stateful-suite.https.ca-file}");
            assertThat(Path.of(provisioner.property("stateful-suite.https.ca-file", "")).getParent())
                    .isEqualTo(Path.of(provisioner.property("stateful-suite.https.cert-file", "")).getParent());
        }
    }

    @Test
    void theComponentChangesNothingElseAndItsObjectsStayValid() throws IOException {
        for (Path overlay : DeployFiles.overlays()) {
            List<Manifest> plain = Kustomize.build(overlay);
            List<Manifest> https = withHttps(overlay);
            assertThat(https).extracting(Manifest::id).containsExactlyElementsOf(plain.stream().map(Manifest::id).toList());
            assertThat(Kustomize.ofKind(https, "NetworkPolicy")).extracting(Manifest::node)
                    .as("the port stays, so do the policies").containsExactlyElementsOf(
                            Kustomize.ofKind(plain, "NetworkPolicy").stream().map(Manifest::node).toList());
            List<String> problems = new ArrayList<>();
            for (Manifest m : https) {
                if (m.kind().equals("ServiceMonitor")) {
                    problems.addAll(CrdSchemaTest.schemaViolations(m));
                } else if (List.of("Deployment", "Service", "ConfigMap").contains(m.kind())) {
                    problems.addAll(ManifestFilesTest.typeProblems(m));
                }
            }
            assertThat(problems).isEmpty();
        }
    }

    /** The overlay with the component added, as an operator would list it under components. */
    private List<Manifest> withHttps(Path overlay) throws IOException {
        Path root = Files.createTempDirectory(dir, overlay.getFileName().toString());
        Files.writeString(root.resolve("kustomization.yaml"),
                "resources:\n  - " + overlay + "\ncomponents:\n  - " + COMPONENT + "\n");
        return Kustomize.build(root);
    }

    private static void assertProbe(JsonNode container, String probe, String path) {
        JsonNode get = container.path(probe).path("httpGet");
        assertThat(get.path("path").asText()).as(probe).isEqualTo(path);
        assertThat(get.path("port").asText()).as(probe).isEqualTo("https");
        assertThat(get.path("scheme").asText()).as(probe).isEqualTo("HTTPS");
    }

    /** The Secret's files land where the https profile reads them (stateful-suite.https.*-file defaults). */
    private static void assertSecretMountedWhereTheServiceReadsIt(Manifest deployment, JsonNode container, ServiceConfig config) {
        String service = config.service();
        JsonNode volume = named(deployment.at("/spec/template/spec/volumes"), "tls");
        assertThat(volume.at("/secret/secretName").asText()).isEqualTo(service + "-tls");
        assertThat(volume.at("/secret/defaultMode").asInt()).as("0440").isEqualTo(0440);
        assertThat(deployment.at("/spec/template/spec/securityContext/fsGroup").asInt())
                .isEqualTo(deployment.at("/spec/template/spec/securityContext/runAsGroup").asInt());
        JsonNode mount = named(container.path("volumeMounts"), "tls");
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        Path mountPath = Path.of(mount.path("mountPath").asText());
        for (String key : List.of("stateful-suite.https.cert-file", "stateful-suite.https.key-file")) {
            assertThat(Path.of(config.property(key, "")).getParent()).as(service + " " + key).isEqualTo(mountPath);
        }
        assertThat(Path.of(config.property("stateful-suite.https.cert-file", "")).getFileName()).hasToString("tls.crt");
        assertThat(Path.of(config.property("stateful-suite.https.key-file", "")).getFileName()).hasToString("tls.key");
    }

    private static JsonNode named(JsonNode list, String name) {
        for (JsonNode item : list) {
            if (item.path("name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("nothing named " + name + " in " + list);
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new java.util.HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        return env;
    }
}

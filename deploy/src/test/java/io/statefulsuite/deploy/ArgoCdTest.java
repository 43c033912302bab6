package io.statefulsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.statefulsuite.deploy.support.DeployFiles;
import io.statefulsuite.deploy.support.Kustomize;
import io.statefulsuite.deploy.support.Manifest;
import io.statefulsuite.deploy.support.Repo;
import io.statefulsuite.deploy.support.Yaml;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Argo CD objects deploy what the overlays build, within their AppProject, apply server-side, never fight the
 * services over fields they own, and track by annotation.
 */
class ArgoCdTest {

    private final List<Manifest> argo = Kustomize.build(Repo.deploy("argocd"));
    private final Manifest project = Kustomize.one(argo, "AppProject", "stateful-suite");

    @Test
    void oneApplicationPerOverlayWithinTheProject() {
        List<Manifest> applications = Kustomize.ofKind(argo, "Application");
        Set<Path> deployed = new HashSet<>();
        for (Manifest app : applications) {
            assertThat(app.at("/spec/project").asText()).isEqualTo(project.name());
            assertThat(strings(project.at("/spec/sourceRepos"))).contains(app.at("/spec/source/repoURL").asText());
            Path overlay = Repo.deploy().getParent().resolve(app.at("/spec/source/path").asText()).normalize();
            assertThat(Kustomize.isKustomizationRoot(overlay)).as(app.name() + " path").isTrue();
            deployed.add(overlay);
            assertThat(strings(app.at("/spec/syncPolicy/syncOptions"))).contains("ServerSideApply=true");
        }
        assertThat(deployed).containsExactlyInAnyOrderElementsOf(DeployFiles.overlays());
    }

    @Test
    void everyObjectAnOverlayBuildsIsAllowedByTheProject() {
        Set<String> clusterKinds = kinds(project.at("/spec/clusterResourceWhitelist"));
        Set<String> namespacedKinds = kinds(project.at("/spec/namespaceResourceWhitelist"));
        Set<String> namespaces = new HashSet<>();
        project.at("/spec/destinations").forEach(d -> namespaces.add(d.path("namespace").asText()));
        for (Path overlay : DeployFiles.overlays()) {
            for (Manifest m : Kustomize.build(overlay)) {
                String kind = m.group() + "/" + m.kind();
                if (m.clusterScoped()) {
                    assertThat(clusterKinds).as(overlay.getFileName() + " " + m.id()).contains(kind);
                } else {
                    assertThat(namespacedKinds).as(overlay.getFileName() + " " + m.id()).contains(kind);
                    assertThat(namespaces).as(overlay.getFileName() + " " + m.id()).contains(m.namespace());
                }
            }
        }
    }

    @Test
    void statusAndFinalizersTheServicesWriteAreIgnored() {
        for (Manifest app : Kustomize.ofKind(argo, "Application")) {
            JsonNode ignored = app.at("/spec/ignoreDifferences");
            for (String kind : List.of("ValkeyCluster", "SecretSync")) {
                assertThat(ignoring(ignored, kind)).as(app.name() + " " + kind).contains("\"/status\"", "\"/metadata/finalizers\"");
            }
            assertThat(strings(app.at("/spec/syncPolicy/syncOptions"))).contains("RespectIgnoreDifferences=true");
        }
        assertThat(Repo.concatenated(Repo.javaSources("provisioner-service"))).contains("updateStatus()", "addFinalizer(");
        assertThat(Repo.concatenated(Repo.javaSources("secrets-sync-service"))).contains("updateStatus()");
    }

    @Test
    void trackingIsByAnnotationSoObjectsTheProvisionerLabelsAreNeverPruned() {
        JsonNode config = Yaml.single(Repo.deploy("argocd/argocd-cm-patch.yaml"));
        assertThat(config.at("/data/application.resourceTrackingMethod").asText()).isEqualTo("annotation");
        assertThat(argo).noneMatch(m -> m.name().equals("argocd-cm"));
    }

    private static String ignoring(JsonNode ignoreDifferences, String kind) {
        for (JsonNode entry : ignoreDifferences) {
            if (entry.path("kind").asText().equals(kind)) {
                return entry.toString();
            }
        }
        return "";
    }

    private static Set<String> kinds(JsonNode whitelist) {
        Set<String> kinds = new HashSet<>();
        whitelist.forEach(entry -> kinds.add(entry.path("group").asText() + "/" + entry.path("kind").asText()));
        return kinds;
    }

    private static List<String> strings(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}

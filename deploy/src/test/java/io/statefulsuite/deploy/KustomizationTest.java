package io.statefulsuite.deploy;

import io.statefulsuite.deploy.support.DeployFiles;
import io.statefulsuite.deploy.support.Kustomize;
import io.statefulsuite.deploy.support.Manifest;
import io.statefulsuite.deploy.support.Repo;
import io.statefulsuite.deploy.support.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.statefulsuite.deploy.support.Kustomize.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kustomization builds by kustomize's rules, and the overlays build the set of objects an environment needs. */
class KustomizationTest {

    @Test
    void everyKustomizationBuildsWithoutDuplicates() {
        List<Path> roots = DeployFiles.yamlFiles().stream()
                .filter(p -> p.getFileName().toString().startsWith("kustomization."))
                .map(Path::getParent)
                .filter(root -> !Kustomize.isComponent(root))
                .toList();
        assertThat(roots).contains(Repo.deploy("crds"), Repo.deploy("kubernetes/base"), Repo.deploy("argocd"));
        for (Path root : roots) {
            List<Manifest> objects = Kustomize.build(root);
            Map<String, Long> ids = objects.stream().collect(Collectors.groupingBy(Manifest::id, Collectors.counting()));
            assertThat(ids).as(root + " builds each object once").allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        }
    }

    @Test
    void overlaysBuildTheWholeSuite() {
        for (Path overlay : DeployFiles.overlays()) {
            List<Manifest> objects = Kustomize.build(overlay);
            for (String service : Repo.SERVICES) {
                for (String kind : List.of("Deployment", "Service", "ServiceAccount", "ConfigMap", "ServiceMonitor")) {
                    assertThat(objects).as(overlay + " " + kind + " " + service)
                            .anyMatch(m -> m.kind().equals(kind) && m.name().startsWith(service));
                }
            }
            assertThat(Kustomize.ofKind(objects, "CustomResourceDefinition")).extracting(Manifest::name)
                    .containsExactlyInAnyOrder("valkeyclusters.stateful.suite.io", "secretsyncs.stateful.suite.io");
            assertThat(objects).allSatisfy(m -> assertThat(m.labels()).as(m.id())
                    .containsEntry("app.kubernetes.io/part-of", "stateful-suite"));
        }
    }

    @Test
    void aksOverlayUsesTheRegistryWorkloadIdentityAndStrictZoneSpread() {
        List<Manifest> aks = Kustomize.build(Repo.deploy("kubernetes/overlays/aks"));
        for (Manifest deployment : Kustomize.ofKind(aks, "Deployment")) {
            assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
                    .startsWith("acrstatefulsuite.azurecr.io/stateful-suite/" + deployment.name() + ":");
            assertThat(deployment.at("/spec/template/spec/topologySpreadConstraints/0/whenUnsatisfiable").asText())
                    .isEqualTo("DoNotSchedule");
        }
        for (String service : List.of("provisioner-service", "secrets-sync-service")) {
            assertThat(one(aks, "ServiceAccount", service).annotations()).containsKey("azure.workload.identity/client-id");
            assertThat(one(aks, "Deployment", service).at("/spec/template/metadata/labels/azure.workload.identity~1use").asText())
                    .isEqualTo("true");
        }
        assertThat(one(aks, "ServiceAccount", "valkey-health-service").annotations())
                .as("health calls no Azure API: no identity").doesNotContainKey("azure.workload.identity/client-id");
        assertThat(aks).filteredOn(m -> m.namespace().equals("valkey")).extracting(Manifest::kind).containsOnly("RoleBinding");
    }

    @Test
    void devOverlayRunsOneReplicaOfEachServiceAndGrantsValkeyDev() {
        List<Manifest> dev = Kustomize.build(Repo.deploy("kubernetes/overlays/dev"));
        assertThat(Kustomize.ofKind(dev, "Deployment")).allSatisfy(d -> assertThat(d.at("/spec/replicas").asInt()).isEqualTo(1));
        assertThat(dev).filteredOn(m -> m.namespace().equals("valkey-dev")).extracting(Manifest::name)
                .containsExactlyInAnyOrder("valkey-provisioner-auth-reader", "valkey-health-in-valkey-namespace", "secrets-sync-writer");
    }

    @Test
    void crdsComeFirstAndAreNeverPruned() {
        List<Manifest> crds = Kustomize.ofKind(Kustomize.build(Repo.deploy("kubernetes/base")), "CustomResourceDefinition");
        assertThat(crds).isNotEmpty().allSatisfy(crd -> assertThat(crd.annotations())
                .containsEntry("argocd.argoproj.io/sync-wave", "-1")
                .containsEntry("argocd.argoproj.io/sync-options", "Prune=false,Delete=false"));
    }

    @Test
    void everyGeneratedCrdIsPartOfTheBuild() {
        List<String> generated = Repo.files(Repo.deploy("crds"), ".yml", ".yaml").stream()
                .map(p -> p.getFileName().toString()).filter(name -> !name.startsWith("kustomization.")).toList();
        List<String> listed = new java.util.ArrayList<>();
        Yaml.single(Repo.deploy("crds/kustomization.yaml")).path("resources").forEach(r -> listed.add(r.asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(generated);
    }

    @Test
    void aFileOutsideTheRootIsRejectedLikeKustomizeDoes(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("root"));
        Files.writeString(dir.resolve("outside.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        Files.writeString(dir.resolve("root/kustomization.yaml"), "resources:\n  - ../outside.yaml\n");
        assertThatThrownBy(() -> Kustomize.build(dir.resolve("root"))).hasMessageContaining("outside the kustomization root");
    }

    @Test
    void aComponentPatchesWhatTheKustomizationListingItHasAndCannotBeBuiltAlone(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("component"));
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        Files.writeString(dir.resolve("component/kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1alpha1
                kind: Component
                patches:
                  - target:
                      kind: ConfigMap
                    patch: |-
                      - op: add
                        path: /data
                        value: {from: component}
                """);
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - cm.yaml\ncomponents:\n  - component\n");

        assertThat(one(Kustomize.build(dir), "ConfigMap", "x").at("/data/from").asText()).isEqualTo("component");
        assertThatThrownBy(() -> Kustomize.build(dir.resolve("component"))).hasMessageContaining("is a Component");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - cm.yaml\n  - component\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("is a Component");
    }

    @Test
    void aPatchThatMatchesNothingFails(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources:
                  - cm.yaml
                patches:
                  - target:
                      kind: ConfigMap
                      name: y
                    patch: |-
                      - op: add
                        path: /data
                        value: {}
                """);
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("matches no object");
    }
}

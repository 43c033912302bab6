package io.statefulsuite.deploy.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The YAML of deploy/ this module checks: everything but deploy/local (the lead's local stack) and build output. */
public final class DeployFiles {

    private DeployFiles() {
    }

    public static List<Path> yamlFiles() {
        Path deploy = Repo.deploy();
        return Repo.files(deploy, ".yaml", ".yml").stream()
                .filter(p -> !p.startsWith(deploy.resolve("local")))
                .filter(p -> !p.startsWith(deploy.resolve("target")))
                .filter(p -> !p.startsWith(deploy.resolve("src")))
                .toList();
    }

    /** Every Kubernetes object in those files (documents with apiVersion and kind, kustomizations excepted). */
    public static List<Manifest> kubernetesObjects() {
        List<Manifest> objects = new ArrayList<>();
        for (Path file : yamlFiles()) {
            for (var doc : Yaml.documents(file)) {
                if (doc.has("apiVersion") && doc.has("kind") && !isKustomization(doc.get("kind").asText())) {
                    objects.add(new Manifest((com.fasterxml.jackson.databind.node.ObjectNode) doc, file));
                }
            }
        }
        return objects;
    }

    private static boolean isKustomization(String kind) {
        return kind.equals("Kustomization") || kind.equals("Component");
    }

    /** The kustomize entry points users build: the overlays. */
    public static List<Path> overlays() {
        return List.of(Repo.deploy("kubernetes/overlays/aks"), Repo.deploy("kubernetes/overlays/dev"));
    }
}

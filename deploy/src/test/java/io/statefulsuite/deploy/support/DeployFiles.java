package io.statefulsuite.deploy.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The YAML of deploy/ this module checks: everything but deploy/local (the lead's local stack) and build output. */
public final class DeployFiles {

    private DeployFiles() {
    }

    public static List<Path> yamlFiles() {
        Set<String> skipped = Set.of("local", "target", "src");
        try (Stream<Path> children = Files.list(Repo.deploy())) {
            return children.filter(child -> !skipped.contains(child.getFileName().toString()))
                    .flatMap(child -> Files.isDirectory(child) ? Repo.files(child, ".yaml", ".yml").stream()
                            : Stream.of(child).filter(Yaml::isYaml))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Manifest> objects;

    /**
     * Every Kubernetes object in those files (documents with apiVersion and kind, kustomizations excepted), read once
     * per test run: callers only read them.
     */
    public static synchronized List<Manifest> kubernetesObjects() {
        if (objects == null) {
            objects = readKubernetesObjects();
        }
        return objects;
    }

    private static List<Manifest> readKubernetesObjects() {
        List<Manifest> objects = new ArrayList<>();
        for (Path file : yamlFiles()) {
            for (var doc : Yaml.documents(file)) {
                if (doc.has("apiVersion") && doc.has("kind") && !isKustomization(doc.get("kind").asText())) {
                    objects.add(new Manifest((com.fasterxml.jackson.databind.node.ObjectNode) doc, file));
                }
            }
        }
        return List.copyOf(objects);
    }

    private static boolean isKustomization(String kind) {
        return kind.equals("Kustomization") || kind.equals("Component");
    }

    /** The kustomize entry points users build: the overlays. */
    public static List<Path> overlays() {
        return List.of(Repo.deploy("kubernetes/overlays/aks"), Repo.deploy("kubernetes/overlays/dev"));
    }
}

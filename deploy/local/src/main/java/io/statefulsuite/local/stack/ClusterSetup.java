package io.statefulsuite.local.stack;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the stack puts into any cluster before the services start, with server-side apply under its own field
 * manager, so that a second run (or Argo CD later) updates rather than fails: the suite's CRDs and the namespaces.
 */
public final class ClusterSetup {

    public static final String FIELD_MANAGER = "stateful-suite-local-stack";
    private final KubernetesClient client;

    public ClusterSetup(KubernetesClient client) {
        this.client = client;
    }

    /** Every CRD in the folder ({@code *.yml}, {@code *.yaml}); returns their names. */
    public List<String> applyCrds(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(ClusterSetup::isYaml).sorted().flatMap(file -> crdsIn(file).stream())
                    .map(crd -> client.resource(crd).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply())
                    .map(crd -> crd.getMetadata().getName()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read CRDs from " + folder, e);
        }
    }

    public void applyNamespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("app.kubernetes.io/part-of", "stateful-suite").endMetadata().build())
                .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    private List<HasMetadata> crdsIn(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return client.load(in).items().stream()
                    .filter(object -> "CustomResourceDefinition".equals(object.getKind())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }
}

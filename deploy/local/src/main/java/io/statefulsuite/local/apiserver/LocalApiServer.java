package io.statefulsuite.local.apiserver;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local stand-in for kube-apiserver: fabric8's mock server in CRUD mode, taught server-side apply, on a fixed loopback
 * port. It stores
 * and watches objects but validates nothing and runs no controllers (the workload runner plays those).
 */
public final class LocalApiServer implements AutoCloseable {

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private LocalApiServer(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    public static LocalApiServer start(int port) {
        KubernetesMockServer server = ApplyAwareMockServer.create();
        server.init(InetAddress.getLoopbackAddress(), port);
        return new LocalApiServer(server);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** A client with full rights, for the stack itself. */
    public KubernetesClient client() {
        return client;
    }

    public void createNamespace(String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                    .create();
        }
    }

    /** Installs every CRD found in the folder ({@code *.yml}, {@code *.yaml}), as {@code kubectl apply -f} would. */
    public void installCrds(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(LocalApiServer::isYaml).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    List<HasMetadata> objects = client.load(in).items();
                    objects.stream().filter(object -> "CustomResourceDefinition".equals(object.getKind()))
                            .forEach(crd -> client.resource(crd).createOr(existing -> existing.update()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read CRDs from " + folder, e);
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}

package io.statefulsuite.local.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the kubeconfig through which the services reach the local API server, as they would a real one. */
public final class Kubeconfig {

    private Kubeconfig() {
    }

    /** @param namespace the context's namespace, or null for none (as {@code az aks get-credentials} writes it) */
    public static Path write(Path file, String serverUrl, String namespace) {
        String text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: local-stack
                  cluster:
                    server: %s
                users:
                - name: local-stack
                  user:
                    token: local-stack
                contexts:
                - name: local-stack
                  context:
                    cluster: local-stack
                    user: local-stack
                %scurrent-context: local-stack
                """.formatted(serverUrl, namespace == null ? "" : "    namespace: " + namespace + "\n");
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}

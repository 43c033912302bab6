package io.statefulsuite.local.stack;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The cluster a kubeconfig names, reached as the user's own tools reach it: the context given or the current one,
 * checked at once (a clear message if it is missing or its API server does not answer). The services get the same
 * kubeconfig; when another context than the current one is chosen, they get a copy whose current context is that
 * one (fabric8 takes no context from the environment), with relative file paths made absolute.
 */
public final class ExistingCluster implements AutoCloseable {

    private final KubernetesClient client;
    private final String context;
    private final Path kubeconfigForServices;

    private ExistingCluster(KubernetesClient client, String context, Path kubeconfigForServices) {
        this.client = client;
        this.context = context;
        this.kubeconfigForServices = kubeconfigForServices;
    }

    /**
     * @param context  the context to use, or null for the kubeconfig's current one
     * @param workDir  where a copy of the kubeconfig for another context goes
     * @throws IllegalArgumentException when the file, the context or the API server cannot be used
     */
    public static ExistingCluster connect(Path kubeconfig, String context, Path workDir) {
        Config parsed = parse(kubeconfig);
        List<String> contexts = Optional.ofNullable(parsed.getContexts()).orElse(List.of()).stream()
                .map(NamedContext::getName).toList();
        String chosen = context != null ? context : parsed.getCurrentContext();
        if (chosen == null || chosen.isBlank()) {
            throw new IllegalArgumentException(kubeconfig + " has no current-context: pass --context NAME (one of "
                    + contexts + ")");
        }
        if (!contexts.contains(chosen)) {
            throw new IllegalArgumentException("No context " + chosen + " in " + kubeconfig + " (it has " + contexts + ")");
        }
        checkReachable(kubeconfig, chosen);
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(chosen, kubeconfig.toFile())).build();
        Path forServices = chosen.equals(parsed.getCurrentContext()) ? kubeconfig
                : writeWithCurrentContext(parsed, chosen, kubeconfig.toAbsolutePath().getParent(),
                workDir.resolve("kubeconfig"));
        return new ExistingCluster(client, chosen, forServices);
    }

    /** One request without fabric8's retries, so that a wrong context fails in seconds, not after its backoff. */
    private static void checkReachable(Path kubeconfig, String context) {
        io.fabric8.kubernetes.client.Config config = io.fabric8.kubernetes.client.Config.fromKubeconfig(context,
                kubeconfig.toFile());
        config.setRequestRetryBackoffLimit(0);
        try (KubernetesClient probe = new KubernetesClientBuilder().withConfig(config).build()) {
            probe.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            throw new IllegalArgumentException("The API server of context " + context + " (" + config.getMasterUrl()
                    + ") does not answer: " + rootCause(e), e);
        }
    }

    /** fabric8 wraps the reason ("Connection refused", a TLS or 401 answer) in "An error has occurred." */
    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String own = failure.getMessage();
        return root == failure || root.getMessage() == null ? own : own + " (" + root.getMessage() + ")";
    }

    public KubernetesClient client() {
        return client;
    }

    public String context() {
        return context;
    }

    public Path kubeconfigForServices() {
        return kubeconfigForServices;
    }

    @Override
    public void close() {
        client.close();
    }

    private static Config parse(Path kubeconfig) {
        try {
            return Serialization.unmarshal(Files.readString(kubeconfig), Config.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(kubeconfig + " is not a kubeconfig: " + e.getMessage(), e);
        }
    }

    private static Path writeWithCurrentContext(Config parsed, String context, Path baseDir, Path file) {
        parsed.setCurrentContext(context);
        Optional.ofNullable(parsed.getClusters()).orElse(List.of()).stream().map(NamedCluster::getCluster)
                .forEach(cluster -> absolute(baseDir, cluster::getCertificateAuthority, cluster::setCertificateAuthority));
        for (NamedAuthInfo named : Optional.ofNullable(parsed.getUsers()).orElse(List.of())) {
            AuthInfo user = named.getUser();
            absolute(baseDir, user::getClientCertificate, user::setClientCertificate);
            absolute(baseDir, user::getClientKey, user::setClientKey);
            absolute(baseDir, user::getTokenFile, user::setTokenFile);
        }
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, Serialization.asYaml(parsed));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static void absolute(Path baseDir, Supplier<String> path, Consumer<String> setter) {
        String value = path.get();
        if (value != null && !value.isBlank() && !Path.of(value).isAbsolute()) {
            setter.accept(baseDir.resolve(value).normalize().toString());
        }
    }
}

package io.statefulsuite.kit.leader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Where a service keeps its Lease, by one rule for all services: the setting, else {@code POD_NAMESPACE} (the
 * downward API in deploy/), else the service-account namespace file (any pod), else the kubeconfig context's
 * namespace. A kubeconfig without one (what {@code az aks get-credentials} writes) is normal, so the last resort
 * is a startup error naming the property, never a null namespace.
 */
public final class LeaseNamespace {

    public static final Path SERVICE_ACCOUNT_NAMESPACE =
            Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    private final UnaryOperator<String> environment;
    private final Path serviceAccountNamespace;

    public LeaseNamespace(UnaryOperator<String> environment, Path serviceAccountNamespace) {
        this.environment = environment;
        this.serviceAccountNamespace = serviceAccountNamespace;
    }

    public static LeaseNamespace ofThisProcess() {
        return new LeaseNamespace(System::getenv, SERVICE_ACCOUNT_NAMESPACE);
    }

    /**
     * @param setting             the configured namespace, if any
     * @param kubeconfigNamespace the client's namespace from the kubeconfig context (may give null)
     * @param property            the setting's full name, for the error
     */
    public String resolve(Optional<String> setting, Supplier<String> kubeconfigNamespace, String property) {
        return nonBlank(setting.orElse(null))
                .or(() -> nonBlank(environment.apply("POD_NAMESPACE")))
                .or(this::serviceAccountNamespace)
                .or(() -> nonBlank(kubeconfigNamespace.get()))
                .orElseThrow(() -> new IllegalStateException("No namespace for the leader-election Lease: set "
                        + property + " (or the POD_NAMESPACE environment variable). Not running in a pod ("
                        + serviceAccountNamespace + " is absent) and the kubeconfig's context names no namespace."));
    }

    private Optional<String> serviceAccountNamespace() {
        if (!Files.isReadable(serviceAccountNamespace)) {
            return Optional.empty();
        }
        try {
            return nonBlank(Files.readString(serviceAccountNamespace));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + serviceAccountNamespace, e);
        }
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}

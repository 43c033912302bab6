package io.statefulsuite.local;

import io.statefulsuite.local.stack.StackOptions;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The configuration each service gets in the local stack, as environment variables (Quarkus' env-var names). */
public final class ServiceEnvironment {

    public static final String TRUST_STORE_PASSWORD = "local-stack";

    /** The suite's services with their local ports. */
    public enum Service {
        PROVISIONER("provisioner-service", 8080),
        SECRETS_SYNC("secrets-sync-service", 8081),
        HEALTH("valkey-health-service", 8082);

        private final String moduleName;
        private final int port;

        Service(String moduleName, int port) {
            this.moduleName = moduleName;
            this.port = port;
        }

        public String moduleName() {
            return moduleName;
        }

        public int port() {
            return port;
        }

        public String localUrl() {
            return "http://127.0.0.1:" + port;
        }
    }

    private final Path kubeconfig;
    private final String vaultUrl;
    private final Path vaultTrustStore;
    private final StackOptions options;

    ServiceEnvironment(Path kubeconfig, String vaultUrl, Path vaultTrustStore, StackOptions options) {
        this.kubeconfig = kubeconfig;
        this.vaultUrl = vaultUrl;
        this.vaultTrustStore = vaultTrustStore;
        this.options = options;
    }

    Map<String, String> of(Service service) {
        Map<String, String> environment = new HashMap<>();
        environment.put("KUBECONFIG", kubeconfig.toString());
        environment.put("QUARKUS_KUBERNETES_CLIENT_NAMESPACE", LocalStack.SUITE_NAMESPACE);
        return environment;
    }
}

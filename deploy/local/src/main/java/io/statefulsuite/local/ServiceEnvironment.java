package io.statefulsuite.local;

import io.statefulsuite.local.stack.StackOptions;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The configuration each service gets in the local stack, as environment variables (Quarkus' env-var names). */
public final class ServiceEnvironment {

    /** The suite's services; each listens on the stack's service port base plus its offset. */
    public enum Service {
        PROVISIONER("provisioner-service", 0),
        SECRETS_SYNC("secrets-sync-service", 1),
        HEALTH("valkey-health-service", 2);

        private final String moduleName;
        private final int portOffset;

        Service(String moduleName, int portOffset) {
            this.moduleName = moduleName;
            this.portOffset = portOffset;
        }

        public String moduleName() {
            return moduleName;
        }

        public int port(StackOptions options) {
            return options.servicePortBase() + portOffset;
        }

        public String localUrl(StackOptions options) {
            return "http://127.0.0.1:" + port(options);
        }
    }

    private final Path kubeconfig;
    private final Path vaultCaPem;
    private final String vaultUrl;
    private final StackOptions options;

    ServiceEnvironment(Path kubeconfig, Path vaultCaPem, String vaultUrl, StackOptions options) {
        this.kubeconfig = kubeconfig;
        this.vaultCaPem = vaultCaPem;
        this.vaultUrl = vaultUrl;
        this.options = options;
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    Map<String, String> of(Service service) {
        Map<String, String> environment = new HashMap<>();
        environment.put("KUBECONFIG", kubeconfig.toString());
        environment.put("POD_NAMESPACE", LocalStack.SUITE_NAMESPACE);
        environment.put("QUARKUS_KUBERNETES_CLIENT_NAMESPACE", LocalStack.SUITE_NAMESPACE);
        environment.put("STATEFUL_SUITE_AUTH_ENABLED", "false"); // no TokenReview API behind the local stand-in
        switch (service) {
            case PROVISIONER -> {
                environment.put("PROVISIONER_RECONCILE_RESYNC_INTERVAL", "5s");
                // Passwords are generated into the emulated vault and mirrored by secrets-sync; Ready asks health.
                environment.put("PROVISIONER_SECRETS_SYNC_URL", Service.SECRETS_SYNC.localUrl(options));
                environment.put("PROVISIONER_SECRETS_SYNC_DEFAULT_VAULT_URL", vaultUrl);
                environment.put("PROVISIONER_SECRETS_SYNC_REFRESH_INTERVAL", "10s");
                environment.put("PROVISIONER_HEALTH_URL", Service.HEALTH.localUrl(options));
            }
            case SECRETS_SYNC -> {
                // The emulator's own CA and a static bearer token stand in for Azure AD and workload identity.
                environment.put("SECRETS_SYNC_KEYVAULT_TRUST_PEM", vaultCaPem.toString());
                environment.put("SECRETS_SYNC_KEYVAULT_STATIC_TOKEN", "local-stack");
                environment.put("SECRETS_SYNC_KEYVAULT_DISABLE_CHALLENGE_RESOURCE_VERIFICATION", "true");
                environment.put("SECRETS_SYNC_TENANCY_ALLOWED_NAMESPACES", options.namespace());
            }
            case HEALTH -> environment.put("VALKEY_HEALTH_INTERVAL", "5s");
        }
        return environment;
    }
}

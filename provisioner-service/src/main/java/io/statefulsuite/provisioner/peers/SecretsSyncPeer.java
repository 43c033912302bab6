package io.statefulsuite.provisioner.peers;

import io.quarkus.tls.TlsConfigurationRegistry;
import io.statefulsuite.auth.ServiceAccountTokenFilter;
import io.statefulsuite.provisioner.config.ProvisionerConfig;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.VaultPassword;
import io.statefulsuite.provisioner.peers.SecretsSyncApi.DataItem;
import io.statefulsuite.provisioner.peers.SecretsSyncApi.GenerateRequest;
import io.statefulsuite.provisioner.peers.SecretsSyncApi.RemoteRef;
import io.statefulsuite.provisioner.peers.SecretsSyncApi.SecretSyncRequest;
import io.statefulsuite.provisioner.peers.SecretsSyncApi.Spec;
import io.statefulsuite.provisioner.peers.SecretsSyncApi.Target;
import io.statefulsuite.provisioner.peers.SecretsSyncApi.Vault;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.util.List;
import java.util.function.Supplier;
import java.util.Map;

/**
 * Asks secrets-sync-service to keep a cluster's password in Key Vault (generated only if absent, never overwritten)
 * and mirrored into the auth Secret the pods mount. The provisioner never handles the value on this path.
 * Transient failures are retried with backoff; a peer that keeps failing opens the circuit so reconciles of every
 * cluster fail fast instead of each waiting out the timeouts.
 */
@ApplicationScoped
public class SecretsSyncPeer {

    static final String PEER = "secrets-sync-service";
    private final Supplier<SecretsSyncApi> api;
    private final ProvisionerConfig.SecretsSync config;

    public SecretsSyncPeer(ProvisionerConfig config, ServiceAccountTokenFilter token, TlsConfigurationRegistry tls) {
        this.config = config.secretsSync();
        this.api = PeerCalls.client(SecretsSyncApi.class, this.config, token, tls);
    }

    /** Result of {@link #ensurePassword}: whether the vault secret was generated just now. */
    public record PasswordSync(boolean generated) {
    }

    @Retry(maxRetries = 2, delay = 300, jitter = 200, retryOn = PeerUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 1.0, delay = 15_000,
            failOn = PeerUnavailableException.class)
    public PasswordSync ensurePassword(String namespace, String cluster, VaultPassword source, String secretName,
                                       String passwordKey) {
        GenerateRequest generate = new GenerateRequest(source.vaultUrl(), config.passwordLength());
        boolean generated = source.generate()
                && PeerCalls.call(PEER, () -> api.get().generate(source.vaultSecretName(), generate)).created();
        Spec spec = new Spec(new Vault(source.vaultUrl()),
                List.of(new DataItem(passwordKey, new RemoteRef(source.vaultSecretName()))),
                new Target(secretName), config.refreshInterval());
        PeerCalls.call(PEER, () -> api.get().putSecretSync(namespace, secretName,
                new SecretSyncRequest(labels(cluster), spec)));
        return new PasswordSync(generated);
    }

    /** Stops mirroring the password (the Secret goes with its SecretSync); the vault secret is kept. */
    @Retry(maxRetries = 2, delay = 300, jitter = 200, retryOn = PeerUnavailableException.class)
    public void stopMirroring(String namespace, String secretName) {
        try {
            PeerCalls.call(PEER, () -> {
                api.get().deleteSecretSync(namespace, secretName);
                return null;
            });
        } catch (PeerRejectedException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    private static Map<String, String> labels(String cluster) {
        return Map.of(ClusterLabels.INSTANCE, cluster, ClusterLabels.PART_OF, ClusterLabels.SUITE,
                ClusterLabels.MANAGED_BY, ClusterLabels.MANAGER);
    }
}

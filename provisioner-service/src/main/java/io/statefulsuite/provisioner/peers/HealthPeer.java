package io.statefulsuite.provisioner.peers;

import io.quarkus.tls.TlsConfigurationRegistry;
import io.statefulsuite.auth.ServiceAccountTokenFilter;
import io.statefulsuite.provisioner.config.ProvisionerConfig;
import io.statefulsuite.provisioner.peers.HealthApi.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.util.List;
import java.util.function.Supplier;

/**
 * Asks valkey-health-service for a fresh verdict on a cluster. A cluster it has not discovered yet is UNKNOWN, not
 * an error. Transient failures are retried; a health service that keeps failing opens the circuit.
 */
@ApplicationScoped
public class HealthPeer {

    static final String PEER = "valkey-health-service";
    public static final String UNKNOWN = "UNKNOWN";
    public static final String HEALTHY = "HEALTHY";
    private final Supplier<HealthApi> api;

    public HealthPeer(ProvisionerConfig config, ServiceAccountTokenFilter token, TlsConfigurationRegistry tls) {
        this.api = PeerCalls.client(HealthApi.class, config.health(), token, tls);
    }

    @Retry(maxRetries = 1, delay = 300, jitter = 200, retryOn = PeerUnavailableException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 1.0, delay = 15_000,
            failOn = PeerUnavailableException.class)
    public Verdict verdict(String namespace, String cluster) {
        try {
            return PeerCalls.call(PEER, () -> api.get().health(namespace, cluster, true));
        } catch (PeerRejectedException e) {
            if (e.status() == 404) {
                return new Verdict(UNKNOWN, null, List.of());
            }
            throw e;
        }
    }
}

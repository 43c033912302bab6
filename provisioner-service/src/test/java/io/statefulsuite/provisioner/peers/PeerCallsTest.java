package io.statefulsuite.provisioner.peers;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.statefulsuite.auth.ServiceAccountTokenFilter;
import io.statefulsuite.provisioner.config.ProvisionerConfig.Peer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An https:// peer is only ever called with the configured CA: without one there is no call, and no fallback. */
class PeerCallsTest {

    @Test
    void anHttpsPeerWithoutAConfiguredCaIsUnavailableNamingTheKeyToSet() {
        var client = PeerCalls.client(HealthApi.class, peer("https://valkey-health-service:8080"),
                new ServiceAccountTokenFilter(null), new NoTls());

        assertThatThrownBy(client::get).isInstanceOf(PeerUnavailableException.class)
                .hasMessageContaining("https://valkey-health-service:8080")
                .hasMessageContaining("quarkus.tls.peers.trust-store.pem.certs");
    }

    private static Peer peer(String url) {
        return new Peer() {
            @Override
            public URI url() {
                return URI.create(url);
            }

            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration readTimeout() {
                return Duration.ofSeconds(1);
            }
        };
    }

    /** A registry in which no TLS configuration is defined (the https profile is off). */
    private static final class NoTls implements TlsConfigurationRegistry {
        @Override
        public Optional<TlsConfiguration> get(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<TlsConfiguration> getDefault() {
            return Optional.empty();
        }

        @Override
        public void register(String name, TlsConfiguration configuration) {
            throw new UnsupportedOperationException();
        }
    }
}

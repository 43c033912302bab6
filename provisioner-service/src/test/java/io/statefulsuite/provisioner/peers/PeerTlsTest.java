package io.statefulsuite.provisioner.peers;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.statefulsuite.provisioner.peers.StandInPeers.Answer;
import io.statefulsuite.provisioner.testing.ApplyAwareKubernetesServer;
import io.statefulsuite.testkit.tls.HttpsProfile;
import io.statefulsuite.testkit.tls.TestCertificates;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The provisioner's calls to https:// peers, against real HTTPS stand-ins: valkey-health-service presents a
 * certificate of the configured CA and is answered; secrets-sync-service presents one of another CA and is refused
 * before any request is sent, reported as "peer unavailable" (retried, shown in status), never as a 500.
 */
@QuarkusTest
@TestProfile(PeerTlsTest.HttpsPeers.class)
@WithTestResource(ApplyAwareKubernetesServer.class)
class PeerTlsTest {

    private static StandInPeers trustedHealth;
    private static StandInPeers untrustedSecretsSync;

    @Inject
    HealthPeer health;

    @Inject
    SecretsSyncPeer secretsSync;

    public static class HttpsPeers extends HttpsProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            startPeers();
            return withOverrides(Map.of("provisioner.health.url", trustedHealth.url(),
                    "provisioner.secrets-sync.url", untrustedSecretsSync.url()));
        }
    }

    /** Once per JVM: the profile may be asked for its configuration more than once. */
    private static synchronized void startPeers() {
        if (trustedHealth == null) {
            trustedHealth = StandInPeers.overHttps(TestCertificates.shared().serverContext());
            untrustedSecretsSync = StandInPeers.overHttps(TestCertificates.generate().serverContext());
        }
    }

    @Test
    void aPeerWhoseCertificateTheCaSignedIsAnswered() {
        trustedHealth.answer(call -> Answer.json("{\"status\":\"HEALTHY\",\"checkedAt\":\"2026-11-26T01:00:00Z\",\"findings\":[]}"));

        assertThat(health.verdict("tls", "cache").status()).isEqualTo(HealthPeer.HEALTHY);
        assertThat(trustedHealth.calls()).extracting(StandInPeers.Call::path)
                .contains("/api/v1/namespaces/tls/valkey-clusters/cache/health");
    }

    @Test
    void aPeerWithACertificateOfAnotherCaIsUnavailableAndGetsNoRequest() {
        untrustedSecretsSync.answer(call -> Answer.json("{}"));

        assertThatThrownBy(() -> secretsSync.stopMirroring("tls", "cache-auth"))
                .isInstanceOf(PeerUnavailableException.class)
                .hasMessageContaining("TLS with secrets-sync-service failed")
                .hasMessageContaining("quarkus.tls.peers");
        assertThat(untrustedSecretsSync.calls()).isEmpty();
    }
}

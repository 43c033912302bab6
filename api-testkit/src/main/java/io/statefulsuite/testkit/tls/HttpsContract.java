package io.statefulsuite.testkit.tls;

import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.inject.spi.CDI;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What every service must do with HTTPS on, run by each service (a {@code @QuarkusTest} with {@link HttpsProfile}
 * that extends this): its API, health and metrics are served over HTTPS with the mounted certificate, verified
 * against the Secret's CA; a plain HTTP request gets no answer at all (no redirect a pipeline could follow unnoticed);
 * a renewed certificate is served without a restart.
 */
public abstract class HttpsContract {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The TLS configuration (quarkus.tls.https.*) the https profile gives the HTTP server. */
    private static final String SERVER_TLS = "https";

    /** A GET route of the service's API that answers 200 without any setup. */
    protected abstract String apiPath();

    @Test
    void theApiIsServedOverHttpsVerifiedAgainstTheSecretsCa() throws Exception {
        HttpResponse<String> answer = get(TestCertificates.shared().clientContext(), "https", apiPath());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
    }

    @Test
    void aClientThatDoesNotTrustTheCaIsRefused() {
        SSLContext otherCa = TestCertificates.generate().clientContext();

        assertThatThrownBy(() -> get(otherCa, "https", apiPath())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpGetsNoAnswerNotARedirect() {
        assertThatThrownBy(() -> get(SSLContext.getDefault(), "http", apiPath())).isInstanceOf(IOException.class);
    }

    @Test
    void probesAndMetricsAreServedOverHttps() throws Exception {
        SSLContext client = TestCertificates.shared().clientContext();
        for (String path : new String[] {"/q/health/live", "/q/health/started", "/q/metrics"}) {
            assertThat(get(client, "https", path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void aRenewedCertificateIsServedWithoutARestart() {
        assertThat(ConfigProvider.getConfig().getOptionalValue("quarkus.tls." + SERVER_TLS + ".reload-period", Duration.class))
                .as("the files are re-read periodically").hasValueSatisfying(period -> assertThat(period).isPositive());
        TestCertificates certificates = TestCertificates.shared();
        certificates.rotate();

        reloadAsThePeriodicTimerDoes();

        SSLContext renewedCa = certificates.clientContext();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .untilAsserted(() -> assertThat(get(renewedCa, "https", apiPath()).statusCode()).isEqualTo(200));
    }

    /**
     * What quarkus.tls.https.reload-period triggers (Quarkus' TlsCertificateUpdater): re-read the files, then tell the
     * HTTP server. A test-length period would make every test race the server's swap of its TLS context.
     */
    private static void reloadAsThePeriodicTimerDoes() {
        TlsConfiguration server = CDI.current().select(TlsConfigurationRegistry.class).get().get(SERVER_TLS).orElseThrow();
        assertThat(server.reload()).as("the renewed files load").isTrue();
        CDI.current().getBeanManager().getEvent().select(CertificateUpdatedEvent.class)
                .fire(new CertificateUpdatedEvent(SERVER_TLS, server));
    }

    private static HttpResponse<String> get(SSLContext ssl, String scheme, String path)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT).build();
        return client.send(HttpRequest.newBuilder(URI.create(scheme + "://localhost:" + httpsPort() + path))
                .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The HTTPS port the test instance got (random: quarkus.http.test-ssl-port=0). */
    private static int httpsPort() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
    }
}

package io.statefulsuite.provisioner.peers;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.statefulsuite.auth.ServiceAccountTokenFilter;
import io.statefulsuite.provisioner.config.ProvisionerConfig.Peer;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import javax.net.ssl.SSLException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Builds the typed REST clients of the sibling services and sorts their failures into "try again later"
 * ({@link PeerUnavailableException}) and "this request is refused" ({@link PeerRejectedException}).
 */
final class PeerCalls {

    /** The TLS configuration (quarkus.tls.peers.*) whose CA verifies peers reached over https://. */
    static final String TLS_CONFIGURATION = "peers";

    private PeerCalls() {
    }

    /**
     * The client, built on first use (a provisioner that never needs a peer never sets up its client); every call
     * carries the provisioner's projected ServiceAccount token, which the peer reviews. An https:// peer must
     * present a certificate the "peers" CA signed, for the URL's host name.
     */
    static <T> Supplier<T> client(Class<T> api, Peer peer, ServiceAccountTokenFilter token, TlsConfigurationRegistry tls) {
        return new Supplier<>() {
            private T client;

            @Override
            public synchronized T get() {
                if (client == null) {
                    QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(peer.url())
                            .connectTimeout(peer.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(peer.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .register(token);
                    if ("https".equalsIgnoreCase(peer.url().getScheme())) {
                        builder.tlsConfiguration(peerTrust(peer, tls));
                    }
                    client = builder.build(api);
                }
                return client;
            }
        };
    }

    /**
     * The CA peers are verified against. Without one the call fails (and keeps failing, visibly, in the cluster's
     * status) rather than fall back to the JVM's public CAs or to trusting anyone.
     */
    private static TlsConfiguration peerTrust(Peer peer, TlsConfigurationRegistry tls) {
        TlsConfiguration trust = tls.get(TLS_CONFIGURATION).orElseThrow(() -> new PeerUnavailableException(peer.url()
                + " is https:// but no CA to verify it is configured (quarkus.tls." + TLS_CONFIGURATION
                + ".trust-store.pem.certs; the https profile sets it to stateful-suite.https.ca-file)", null));
        if (trust.isTrustAll() || trust.getTrustStore() == null) {
            throw new PeerUnavailableException("quarkus.tls." + TLS_CONFIGURATION + " must name the CA that signed "
                    + peer.url() + "'s certificate (a trust store), not trust-all", null);
        }
        return trust;
    }

    /** Runs one call to {@code peerName}; its failures as one of the two peer exceptions. */
    static <T> T call(String peerName, Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            throw classify(peerName, e.getResponse());
        } catch (ProcessingException e) {
            if (causedBy(e, SSLException.class)) {
                throw new PeerUnavailableException("TLS with " + peerName + " failed (its certificate must be valid, "
                        + "for the URL's host, and signed by the CA of quarkus.tls." + TLS_CONFIGURATION + "): "
                        + rootMessage(e), e);
            }
            throw new PeerUnavailableException(peerName + " did not answer: " + rootMessage(e), e);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException classify(String peerName, Response response) {
        int status = response.getStatus();
        String detail = problemDetail(response);
        if (status >= 500 || status == 429 || status == 408) {
            return new PeerUnavailableException(peerName + " answered HTTP " + status + detail, null);
        }
        return new PeerRejectedException(status, peerName + " refused the request with HTTP " + status + detail);
    }

    /** The problem's detail, if the body is an RFC 9457 problem; the peers never put secret values there. */
    private static String problemDetail(Response response) {
        try {
            JsonNode problem = response.readEntity(JsonNode.class);
            String detail = problem == null ? "" : problem.path("detail").asText("");
            return detail.isBlank() ? "" : ": " + detail;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}

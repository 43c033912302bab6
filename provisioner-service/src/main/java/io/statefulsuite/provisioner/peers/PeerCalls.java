package io.statefulsuite.provisioner.peers;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.statefulsuite.auth.ServiceAccountTokenFilter;
import io.statefulsuite.provisioner.config.ProvisionerConfig.Peer;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Builds the typed REST clients of the sibling services and sorts their failures into "try again later"
 * ({@link PeerUnavailableException}) and "this request is refused" ({@link PeerRejectedException}).
 */
final class PeerCalls {

    private PeerCalls() {
    }

    /**
     * The client, built on first use (a provisioner that never needs a peer never sets up its client); every call
     * carries the provisioner's projected ServiceAccount token, which the peer reviews.
     */
    static <T> Supplier<T> client(Class<T> api, Peer peer, ServiceAccountTokenFilter token) {
        return new Supplier<>() {
            private T client;

            @Override
            public synchronized T get() {
                if (client == null) {
                    client = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(peer.url())
                            .connectTimeout(peer.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(peer.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .register(token)
                            .build(api);
                }
                return client;
            }
        };
    }

    /** Runs one call to {@code peerName}; its failures as one of the two peer exceptions. */
    static <T> T call(String peerName, Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            throw classify(peerName, e.getResponse());
        } catch (ProcessingException e) {
            throw new PeerUnavailableException(peerName + " did not answer: " + rootMessage(e), e);
        }
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

package io.statefulsuite.provisioner.domain;

/**
 * How the provisioner reaches a cluster's nodes: plain TCP, or TLS trusting only the CA certificates (PEM) of the
 * cluster's {@code spec.tls} Secret. Never a TLS that trusts anything else, and never plain TCP for a TLS cluster.
 */
public final class NodeTransport {

    public static final NodeTransport PLAIN = new NodeTransport(null);

    private final byte[] trustedCaPem;

    private NodeTransport(byte[] trustedCaPem) {
        this.trustedCaPem = trustedCaPem;
    }

    /** TLS, verifying the nodes' certificate chains against {@code caPem} alone. */
    public static NodeTransport tls(byte[] caPem) {
        return new NodeTransport(caPem.clone());
    }

    public boolean isTls() {
        return trustedCaPem != null;
    }

    /** The CA certificates (PEM) a TLS transport trusts; only for a TLS transport. */
    public byte[] trustedCaPem() {
        if (trustedCaPem == null) {
            throw new IllegalStateException("plain TCP trusts no CA");
        }
        return trustedCaPem.clone();
    }

    @Override
    public String toString() {
        return isTls() ? "TLS" : "plain TCP";
    }
}

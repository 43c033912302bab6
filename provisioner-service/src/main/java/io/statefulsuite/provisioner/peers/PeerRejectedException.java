package io.statefulsuite.provisioner.peers;

/** A sibling service refused the request (4xx): retrying the same request cannot help; the spec or RBAC must change. */
public class PeerRejectedException extends RuntimeException {

    private final int status;

    public PeerRejectedException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

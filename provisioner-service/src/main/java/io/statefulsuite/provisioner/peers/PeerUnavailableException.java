package io.statefulsuite.provisioner.peers;

/** A sibling service did not answer usefully (down, timed out, 5xx, 429, circuit open): worth trying again later. */
public class PeerUnavailableException extends RuntimeException {

    public PeerUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}

package io.statefulsuite.secretssync.keyvault;

/** A vault call that failed after retries; the message names the vault and operation, never a value. */
public final class VaultException extends RuntimeException {

    public enum Kind { THROTTLED, UNAVAILABLE, FORBIDDEN, CONFLICT, FAILED }

    private final Kind kind;

    public VaultException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

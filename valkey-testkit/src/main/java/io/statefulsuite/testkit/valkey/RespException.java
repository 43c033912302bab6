package io.statefulsuite.testkit.valkey;

/** An error reply from the server (e.g. {@code -NOAUTH}, {@code -MOVED}) or a broken connection. */
public class RespException extends RuntimeException {

    public RespException(String message) {
        super(message);
    }

    public RespException(String message, Throwable cause) {
        super(message, cause);
    }
}

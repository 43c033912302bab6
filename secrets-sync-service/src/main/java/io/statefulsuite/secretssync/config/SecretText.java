package io.statefulsuite.secretssync.config;

/**
 * A setting that is a credential: its {@code toString} hides the value, so a config object logged or printed in
 * an exception never shows it. Read the value only where it is handed to the client that needs it.
 */
public record SecretText(String value) {

    @Override
    public String toString() {
        return "<redacted>";
    }
}

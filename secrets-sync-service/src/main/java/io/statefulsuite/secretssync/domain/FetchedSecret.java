package io.statefulsuite.secretssync.domain;

/** A value read from the vault with the version it came from. {@link #toString()} never shows the value. */
public record FetchedSecret(SourceRef source, String version, long updated, String value) {

    @Override
    public String toString() {
        return "FetchedSecret[" + source + " version " + version + "]";
    }
}

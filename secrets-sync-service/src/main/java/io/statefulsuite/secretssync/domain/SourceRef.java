package io.statefulsuite.secretssync.domain;

/** A vault secret as a sync reads it: the latest version ({@code version == null}) or a pinned one. */
public record SourceRef(String name, String version) {

    public static SourceRef latest(String name) {
        return new SourceRef(name, null);
    }

    public static SourceRef of(String name, String version) {
        return new SourceRef(name, version == null || version.isBlank() ? null : version);
    }

    public boolean pinned() {
        return version != null;
    }

    @Override
    public String toString() {
        return pinned() ? name + "/" + version : name;
    }
}

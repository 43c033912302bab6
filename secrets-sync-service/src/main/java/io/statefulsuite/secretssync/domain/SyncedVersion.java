package io.statefulsuite.secretssync.domain;

/**
 * The vault version a sync last used for one source: version id, whether the spec pinned it, Key Vault's
 * {@code updated} time and when we fetched it (unix seconds) — never the value.
 */
public record SyncedVersion(String name, String version, boolean pinned, long updated, long fetched) {

    public SourceRef source() {
        return new SourceRef(name, pinned ? version : null);
    }
}

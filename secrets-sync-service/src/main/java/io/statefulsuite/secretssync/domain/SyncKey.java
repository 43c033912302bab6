package io.statefulsuite.secretssync.domain;

/** A SecretSync's identity. */
public record SyncKey(String namespace, String name) {

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}

package io.statefulsuite.keyvault.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The vault's content: every version of every live secret, plus soft-deleted secrets (a name in the deleted
 * state cannot be set again until purged, as in a vault with soft delete).
 */
public final class SecretStore {

    private final TreeMap<String, List<SecretVersion>> live = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final TreeMap<String, DeletedSecret> deleted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final SecureRandom random = new SecureRandom();
    private volatile Clock clock = Clock.systemUTC();

    /** A secret moved to the deleted state, keeping its last version. */
    public record DeletedSecret(SecretVersion latest, Instant deletedDate) {
    }

    /** Key Vault timestamps have one-second resolution. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }


    /** Adds a new version and makes it the latest; empty when the name is soft-deleted. */
    public synchronized Optional<SecretVersion> set(String name, String value, SecretUpdate attributes) {
        if (deleted.containsKey(name)) {
            return Optional.empty();
        }
        Instant now = now();
        SecretVersion version = new SecretVersion(canonicalName(name), newVersionId(), value,
                attributes.contentType(), attributes.tags(),
                attributes.enabled() == null || attributes.enabled(), now, now,
                attributes.notBefore(), attributes.expires());
        live.computeIfAbsent(name, n -> new ArrayList<>()).add(version);
        return Optional.of(version);
    }

    public synchronized Optional<SecretVersion> latest(String name) {
        List<SecretVersion> versions = live.get(name);
        return versions == null ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    public synchronized Optional<SecretVersion> version(String name, String versionId) {
        List<SecretVersion> versions = live.get(name);
        if (versions == null) {
            return Optional.empty();
        }
        return versions.stream().filter(v -> v.version().equalsIgnoreCase(versionId)).findFirst();
    }

    /** Latest version of each live secret, ordered by name. */
    public synchronized List<SecretVersion> latestOfEach() {
        return live.values().stream().map(v -> v.get(v.size() - 1)).toList();
    }

    /** Every version of {@code name}, ordered by version id (the order listing pages use). */
    public synchronized List<SecretVersion> versions(String name) {
        List<SecretVersion> versions = live.get(name);
        return versions == null ? List.of()
                : versions.stream().sorted(Comparator.comparing(SecretVersion::version)).toList();
    }

    public synchronized Optional<SecretVersion> update(String name, String versionId, SecretUpdate update) {
        List<SecretVersion> versions = live.get(name);
        if (versions == null) {
            return Optional.empty();
        }
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).version().equalsIgnoreCase(versionId)) {
                versions.set(i, versions.get(i).withUpdate(update, now()));
                return Optional.of(versions.get(i));
            }
        }
        return Optional.empty();
    }

    public synchronized Optional<DeletedSecret> delete(String name) {
        List<SecretVersion> versions = live.remove(name);
        if (versions == null) {
            return Optional.empty();
        }
        DeletedSecret gone = new DeletedSecret(versions.get(versions.size() - 1), now());
        deleted.put(name, gone);
        return Optional.of(gone);
    }

    public synchronized Optional<DeletedSecret> deleted(String name) {
        return Optional.ofNullable(deleted.get(name));
    }

    public synchronized boolean purge(String name) {
        return deleted.remove(name) != null;
    }

    public synchronized void clear() {
        live.clear();
        deleted.clear();
    }

    private String canonicalName(String name) {
        List<SecretVersion> existing = live.get(name);
        return existing == null ? name : existing.get(0).name();
    }

    private String newVersionId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

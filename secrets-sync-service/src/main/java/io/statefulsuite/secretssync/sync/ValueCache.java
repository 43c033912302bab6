package io.statefulsuite.secretssync.sync;

import io.statefulsuite.secretssync.domain.FetchedSecret;
import io.statefulsuite.secretssync.domain.SourceRef;
import io.statefulsuite.secretssync.domain.VaultRef;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values read from vaults, kept in memory only, so that re-rendering a target after one source changed does
 * not GET the others again. Lost on restart; the planner then fetches what it needs.
 */
@ApplicationScoped
public class ValueCache {

    private record Key(String vault, SourceRef source) {
    }

    private final Map<Key, FetchedSecret> values = new ConcurrentHashMap<>();

    public void put(String vaultUrl, FetchedSecret fetched) {
        values.put(new Key(VaultRef.normalise(vaultUrl), fetched.source()), fetched);
    }

    /** The cached value of {@code source}, only if it is of {@code version}. */
    public Optional<FetchedSecret> get(String vaultUrl, SourceRef source, String version) {
        FetchedSecret cached = values.get(new Key(VaultRef.normalise(vaultUrl), source));
        return cached != null && cached.version().equals(version) ? Optional.of(cached) : Optional.empty();
    }

    public void clear() {
        values.clear();
    }
}

package io.statefulsuite.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A small bounded cache whose entries expire: at most {@code capacity} entries, the least recently used evicted
 * first, each valid for the time given when it was put. Thread-safe; reviews are cheap to compute twice, so a race
 * between two misses is harmless.
 */
final class ExpiringCache<K, V> {

    private record Entry<V>(V value, long expiresAtNanos) {
    }

    private final LongSupplier nanoClock;
    private final Map<K, Entry<V>> entries;

    ExpiringCache(int capacity, LongSupplier nanoClock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be at least 1, got " + capacity);
        }
        this.nanoClock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<V> get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (nanoClock.getAsLong() - entry.expiresAtNanos() >= 0) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    synchronized void put(K key, V value, Duration ttl) {
        if (!ttl.isZero() && !ttl.isNegative()) {
            entries.put(key, new Entry<>(value, nanoClock.getAsLong() + ttl.toNanos()));
        }
    }

    synchronized int size() {
        return entries.size();
    }
}

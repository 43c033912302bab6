package io.statefulsuite.keyvault.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Responses served, by operation and HTTP status, so tests can assert call budgets. */
public final class RequestCounters {

    private record Key(Operation operation, int status) {
    }

    /** One answered request, in arrival order. */
    public record Served(Instant at, Operation operation, int status) {
    }

    private final Map<Key, AtomicLong> counts = new ConcurrentHashMap<>();
    private final List<Served> history = new CopyOnWriteArrayList<>();

    void record(Operation operation, int status) {
        counts.computeIfAbsent(new Key(operation, status), k -> new AtomicLong()).incrementAndGet();
        history.add(new Served(Instant.now(), operation, status));
    }

    /** Every request answered since the last reset, in order (for timing checks such as Retry-After). */
    public List<Served> history() {
        return List.copyOf(history);
    }

    /** All responses to {@code operation}, whatever their status (bearer challenges included). */
    public long count(Operation operation) {
        return counts.entrySet().stream().filter(e -> e.getKey().operation() == operation)
                .mapToLong(e -> e.getValue().get()).sum();
    }

    public long count(Operation operation, int status) {
        AtomicLong count = counts.get(new Key(operation, status));
        return count == null ? 0 : count.get();
    }

    public long countStatus(int status) {
        return counts.entrySet().stream().filter(e -> e.getKey().status() == status)
                .mapToLong(e -> e.getValue().get()).sum();
    }

    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public void reset() {
        counts.clear();
        history.clear();
    }

    /** {@code {"list": {"200": 3}, ...}} for the admin endpoint. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> view = new TreeMap<>();
        counts.forEach((key, count) -> view.computeIfAbsent(key.operation().label(), k -> new TreeMap<>())
                .put(Integer.toString(key.status()), count.get()));
        return view;
    }
}

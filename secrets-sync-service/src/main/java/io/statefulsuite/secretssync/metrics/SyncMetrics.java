package io.statefulsuite.secretssync.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.statefulsuite.secretssync.domain.SyncKey;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The service's Prometheus metrics ({@code secrets_sync_*}). Labels stay low-cardinality: operation, status,
 * result, verb, and namespace/name of a SecretSync — never vault secret names or values.
 */
@ApplicationScoped
public class SyncMetrics {

    private final MeterRegistry registry;
    private final Map<SyncKey, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final AtomicLong secretsManaged = new AtomicLong();

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        // A strong reference: Micrometer's default weak one lets the series vanish when the collector clears it.
        Gauge.builder("secrets_sync_secrets_managed", secretsManaged, AtomicLong::get)
                .description("Kubernetes Secrets this service manages").strongReference(true).register(registry);
    }

    /** result: synced, unchanged, failed, missing, throttled. */
    public void syncFinished(String result, Duration duration) {
        Counter.builder("secrets_sync_syncs_total").description("Syncs by result").tag("result", result)
                .register(registry).increment();
        Timer.builder("secrets_sync_sync_duration_seconds").description("Time one sync took").tag("result", result)
                .register(registry).record(duration);
    }

    public void vaultRequest(String operation, String status) {
        Counter.builder("secrets_sync_keyvault_requests_total").description("Key Vault HTTP requests (retries included)")
                .tag("operation", operation).tag("status", status).register(registry).increment();
        if (status.equals("429")) {
            Counter.builder("secrets_sync_keyvault_throttled_total").description("Key Vault 429 responses")
                    .tag("operation", operation).register(registry).increment();
        }
    }

    /** verb: create, update, delete; kind: secret, status. */
    public void kubernetesWrite(String kind, String verb) {
        Counter.builder("secrets_sync_kubernetes_writes_total").description("Writes to the Kubernetes API")
                .tag("kind", kind).tag("verb", verb).register(registry).increment();
    }

    public void syncSucceeded(SyncKey key, Instant when) {
        lastSuccess.computeIfAbsent(key, k -> {
            AtomicLong holder = new AtomicLong();
            registry.gauge("secrets_sync_last_success_timestamp_seconds",
                    Tags.of("namespace", k.namespace(), "name", k.name()), holder);
            return holder;
        }).set(when.getEpochSecond());
    }

    public void forget(SyncKey key) {
        if (lastSuccess.remove(key) != null) {
            registry.find("secrets_sync_last_success_timestamp_seconds")
                    .tags("namespace", key.namespace(), "name", key.name()).meters().forEach(registry::remove);
        }
    }

    /** lane: routine, on-demand. */
    public void syncQueue(String lane, Supplier<Number> waiting) {
        Gauge.builder("secrets_sync_sync_queue_size", waiting).description("Syncs waiting for a worker")
                .tag("lane", lane).strongReference(true).register(registry);
    }

    /** A sync skipped because its lane's queue was full; it is retried on the failure schedule. */
    public void syncRejected(String lane) {
        Counter.builder("secrets_sync_syncs_rejected_total").description("Syncs skipped because the queue was full")
                .tag("lane", lane).register(registry).increment();
    }

    public void secretsManaged(long count) {
        secretsManaged.set(count);
    }
}

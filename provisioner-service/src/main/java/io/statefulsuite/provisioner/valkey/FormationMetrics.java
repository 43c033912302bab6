package io.statefulsuite.provisioner.valkey;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.statefulsuite.provisioner.domain.formation.FormationAction;
import io.statefulsuite.provisioner.domain.formation.FormationRequest;

import java.time.Duration;
import java.util.List;

/**
 * What cluster formation did, per cluster: {@code valkey_provisioner_bootstrap_seconds},
 * {@code valkey_provisioner_failovers_total} (planned, before a restart), {@code valkey_provisioner_failbacks_total},
 * {@code valkey_provisioner_remeets_total} and {@code valkey_provisioner_slot_migrations_total}.
 */
final class FormationMetrics {

    private final MeterRegistry registry;

    FormationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void performed(FormationRequest request, FormationAction action) {
        if (action instanceof FormationAction.Meet meet && meet.remeet()) {
            counter(request, "valkey.provisioner.remeets").increment();
        } else if (action instanceof FormationAction.Failover failover) {
            counter(request, failover.reason() == FormationAction.Failover.Reason.FAILBACK
                    ? "valkey.provisioner.failbacks" : "valkey.provisioner.failovers").increment();
        }
    }

    void bootstrapped(FormationRequest request, Duration took) {
        Timer.builder("valkey.provisioner.bootstrap")
                .description("Time from the first slot assignment pass to a formed cluster")
                .tags("namespace", request.namespace(), "cluster", request.cluster())
                .register(registry).record(took);
    }

    void slotsMigrated(FormationRequest request, int slots) {
        counter(request, "valkey.provisioner.slot.migrations").increment(slots);
    }

    /** Registered up front so that dashboards see zeros rather than no series. */
    void register(FormationRequest request) {
        List.of("valkey.provisioner.slot.migrations", "valkey.provisioner.remeets", "valkey.provisioner.failbacks",
                "valkey.provisioner.failovers").forEach(name -> counter(request, name));
    }

    private Counter counter(FormationRequest request, String name) {
        return Counter.builder(name).tags("namespace", request.namespace(), "cluster", request.cluster())
                .register(registry);
    }
}

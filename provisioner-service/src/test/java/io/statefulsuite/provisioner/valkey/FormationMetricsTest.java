package io.statefulsuite.provisioner.valkey;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.statefulsuite.provisioner.domain.formation.FormationAction;
import io.statefulsuite.provisioner.domain.formation.FormationAction.Failover.Reason;
import io.statefulsuite.provisioner.domain.formation.FormationRequest;
import io.statefulsuite.provisioner.domain.formation.PodRole;
import io.statefulsuite.provisioner.domain.formation.ValkeyPod;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FormationMetricsTest {

    private static final ValkeyPod PRIMARY = new ValkeyPod("cache-primary-0", "10.0.0.1", "1", PodRole.PRIMARY, 0);
    private static final ValkeyPod REPLICA = new ValkeyPod("cache-replica-0", "10.0.0.2", "2", PodRole.REPLICA, 0);

    @Test
    void exportsTheAgreedPrometheusNamesPerCluster() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FormationMetrics metrics = new FormationMetrics(registry);
        FormationRequest request = new FormationRequest("ns", "cache", 3, 1, List.of("1", "2", "3"), List.of());

        metrics.register(request);
        metrics.bootstrapped(request, Duration.ofSeconds(3));
        metrics.performed(request, new FormationAction.Meet(REPLICA, PRIMARY, true));
        metrics.performed(request, new FormationAction.Meet(REPLICA, PRIMARY, false));
        metrics.performed(request, new FormationAction.Failover(PRIMARY, REPLICA, Reason.FAILBACK));
        metrics.performed(request, new FormationAction.Failover(REPLICA, PRIMARY, Reason.PLANNED_RESTART));
        metrics.performed(request, new FormationAction.Failover(REPLICA, PRIMARY, Reason.PLANNED_RESTART));
        metrics.slotsMigrated(request, 1365);

        String labels = "{cluster=\"cache\",namespace=\"ns\",}";
        assertThat(registry.scrape()).contains(
                "valkey_provisioner_bootstrap_seconds_count" + labels + " 1.0",
                "valkey_provisioner_bootstrap_seconds_sum" + labels + " 3.0",
                "valkey_provisioner_remeets_total" + labels + " 1.0",
                "valkey_provisioner_failbacks_total" + labels + " 1.0",
                "valkey_provisioner_failovers_total" + labels + " 2.0",
                "valkey_provisioner_slot_migrations_total" + labels + " 1365.0");
    }
}

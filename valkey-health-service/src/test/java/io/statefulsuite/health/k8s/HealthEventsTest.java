package io.statefulsuite.health.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.statefulsuite.health.domain.ClusterRef;
import io.statefulsuite.health.domain.Transition;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class HealthEventsTest {

    @Test
    void aFailoverIsAWarningEventOnTheValkeyCluster() {
        var resource = new GenericKubernetesResourceBuilder().withNewMetadata().withName("cache").withUid("uid-1")
                .endMetadata().build();
        Transition failover = new Transition(Instant.parse("2026-11-25T17:00:00Z"), Transition.Kind.FAILOVER, 0,
                "cache-primary-0", "cache-replica-0", null, "Shard 0 failed over from cache-primary-0 to cache-replica-0");

        Event event = HealthEvents.event(new ClusterRef("shop", "cache"), resource, failover);

        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getReason()).isEqualTo("Failover");
        assertThat(event.getInvolvedObject().getKind()).isEqualTo("ValkeyCluster");
        assertThat(event.getInvolvedObject().getUid()).isEqualTo("uid-1");
        assertThat(event.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(event.getMessage()).isEqualTo(failover.message());
    }

    @Test
    void aRecoveryIsANormalEventAndStatusChangesNameTheNewStatus() {
        Transition recovered = new Transition(Instant.now(), Transition.Kind.RECOVERED, null, "DEGRADED", "HEALTHY",
                18_000L, "Healthy again after 18000 ms");
        Transition degraded = new Transition(Instant.now(), Transition.Kind.STATUS_CHANGED, null, "HEALTHY", "DEGRADED",
                null, "Status HEALTHY -> DEGRADED");

        assertThat(HealthEvents.event(new ClusterRef("shop", "cache"), null, recovered).getType()).isEqualTo("Normal");
        assertThat(HealthEvents.event(new ClusterRef("shop", "cache"), null, degraded).getReason())
                .isEqualTo("HealthDegraded");
    }
}

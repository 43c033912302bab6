package io.statefulsuite.kit.crd;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while any of the service's {@link CustomResourceGate}s (the beans the service produces) waits for its
 * CRD: a Service then sends it no traffic, and the probe's answer names what to install.
 */
@Readiness
@ApplicationScoped
public class CustomResourcesReadiness implements HealthCheck {

    private final Instance<CustomResourceGate> gates;

    public CustomResourcesReadiness(Instance<CustomResourceGate> gates) {
        this.gates = gates;
    }

    @Override
    public HealthCheckResponse call() {
        return report(gates);
    }

    static HealthCheckResponse report(Iterable<CustomResourceGate> gates) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("custom-resources").up();
        for (CustomResourceGate gate : gates) {
            gate.problem().ifPresentOrElse(
                    problem -> response.down().withData(gate.crdName(), problem),
                    () -> response.withData(gate.crdName(), "served"));
        }
        return response.build();
    }
}

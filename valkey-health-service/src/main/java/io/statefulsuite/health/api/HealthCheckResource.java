package io.statefulsuite.health.api;

import io.statefulsuite.kit.problem.FieldError;
import io.statefulsuite.kit.problem.ProblemException;
import io.statefulsuite.health.config.HealthConfig;
import io.statefulsuite.health.domain.HealthReport;
import io.statefulsuite.health.valkey.ClusterChecker;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.util.List;

/** Checks Valkey nodes given by address (Valkey outside Kubernetes, or a one-off look). */
@Path("/api/v1/health-checks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HealthCheckResource {

    private final ClusterChecker checker;
    private final HealthConfig config;

    public HealthCheckResource(ClusterChecker checker, HealthConfig config) {
        this.checker = checker;
        this.config = config;
    }

    @POST
    public HealthResponse check(HealthCheckRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body is required",
                    List.of(new FieldError("body", "required", "a health check request")));
        }
        HealthCheckRequests.Validated valid = HealthCheckRequests.validate(request, config.maxEndpoints(),
                config.nodeTimeout());
        HealthReport report = checker.check(valid.plan(), valid.access()).await().atMost(Duration.ofMinutes(2));
        return HealthResponse.of(null, report);
    }
}

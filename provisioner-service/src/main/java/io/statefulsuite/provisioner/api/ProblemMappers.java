package io.statefulsuite.provisioner.api;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.statefulsuite.kit.problem.FieldError;
import io.statefulsuite.kit.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Optional;

import static io.statefulsuite.kit.problem.CommonProblemMappers.instance;
import static io.statefulsuite.kit.problem.CommonProblemMappers.respond;

/**
 * The provisioner's own refusals; everything else (bad JSON, unknown fields, JAX-RS' 404/405/415, the catch-all)
 * is answered by service-kit's {@code CommonProblemMappers}, in the same problem vocabulary.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Seconds a client should wait when the Kubernetes API is unavailable; about one API-server failover. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response kubernetes(KubernetesClientException e, UriInfo uri) {
        int code = e.getCode();
        String instance = instance(uri);
        String reason = Optional.ofNullable(e.getStatus()).map(Status::getMessage).orElse(e.getMessage());
        return switch (code) {
            case 404 -> respond(Problem.of("not-found", "Not found", 404, reason, instance, List.of()));
            case 409 -> respond(Problem.of("conflict", "Conflict", 409,
                    "the object was changed concurrently, read it again and retry: " + reason, instance, List.of()));
            case 422 -> respond(Problem.of("validation", "Rejected by the Kubernetes API", 422,
                    reason, instance, causes(e.getStatus())));
            case 401, 403 -> forbidden(code, instance);
            default -> unavailable(e, code, instance);
        };
    }

    /**
     * The service's own ServiceAccount lacks a right: retrying will not help, so no 503; the details (verb, resource)
     * go to the log for the operator, not to the caller.
     */
    private Response forbidden(int code, String instance) {
        LOG.errorf("The Kubernetes API refused the provisioner's own request (HTTP %d) on %s: check its RBAC",
                code, instance);
        return respond(Problem.of("kubernetes-forbidden", "Forbidden by the cluster's RBAC", 502,
                "the Kubernetes API refused the provisioner's own request; an operator must grant its "
                        + "ServiceAccount the missing right", instance, List.of()));
    }

    private Response unavailable(KubernetesClientException e, int code, String instance) {
        LOG.warnf("Kubernetes API answered %d on %s: %s", code, instance, e.getMessage());
        Problem problem = Problem.of("kubernetes-unavailable", "Kubernetes API unavailable", 503,
                "the Kubernetes API did not answer properly (" + (code == 0 ? "no response" : "HTTP " + code)
                        + "); retry later", instance, List.of());
        return Response.fromResponse(respond(problem)).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    private static List<FieldError> causes(Status status) {
        if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
            return List.of();
        }
        return status.getDetails().getCauses().stream()
                .map(c -> new FieldError(c.getField(), c.getReason(), c.getMessage()))
                .toList();
    }
}

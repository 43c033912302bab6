package io.statefulsuite.kit.problem;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Optional;

import static io.statefulsuite.kit.problem.CommonProblemMappers.instance;
import static io.statefulsuite.kit.problem.CommonProblemMappers.respond;

/**
 * A refusal or failure of the Kubernetes API while a service serves a request, answered the same way by every
 * service. The API server's messages may name objects the caller did not (a Secret, the service's own account), so
 * only a 422's causes, which concern the caller's own input, go back; the log keeps the rest for the operator.
 */
public class KubernetesProblemMapper {

    private static final Logger LOG = Logger.getLogger(KubernetesProblemMapper.class);
    /** Seconds a client should wait when the Kubernetes API is unavailable; about one API-server failover. */
    public static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response kubernetes(KubernetesClientException e, UriInfo uri) {
        String instance = instance(uri);
        return switch (e.getCode()) {
            case 404 -> respond(Problem.of("not-found", "Not found", 404,
                    "the Kubernetes API does not know the requested object", instance, List.of()));
            case 409 -> respond(Problem.of("conflict", "Conflict", 409,
                    "the object was changed concurrently, read it again and retry", instance, List.of()));
            case 422 -> respond(Problem.of("validation", "Rejected by the Kubernetes API", 422,
                    Optional.ofNullable(e.getStatus()).map(Status::getMessage).orElse("the object is invalid"),
                    instance, causes(e.getStatus())));
            case 401, 403 -> forbidden(e, instance);
            default -> unavailable(e, instance);
        };
    }

    /** The service's own ServiceAccount lacks a right: retrying will not help, so no 503. */
    private static Response forbidden(KubernetesClientException e, String instance) {
        LOG.errorf("The Kubernetes API refused the service's own request (HTTP %d) on %s: check its RBAC: %s",
                e.getCode(), instance, e.getMessage());
        return respond(Problem.of("kubernetes-forbidden", "Forbidden by the cluster's RBAC", 502,
                "the Kubernetes API refused the service's own request (forbidden by RBAC); an operator must grant "
                        + "its ServiceAccount the missing right (see the service log)", instance, List.of()));
    }

    private static Response unavailable(KubernetesClientException e, String instance) {
        LOG.warnf("The Kubernetes API answered %d on %s: %s", e.getCode(), instance, e.getMessage());
        Problem problem = Problem.of("kubernetes-unavailable", "Kubernetes API unavailable", 503,
                "the Kubernetes API did not answer properly (" + (e.getCode() == 0 ? "no response" : "HTTP "
                        + e.getCode()) + "); retry later", instance, List.of());
        return Response.fromResponse(respond(problem)).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    private static List<FieldError> causes(Status status) {
        if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
            return List.of();
        }
        return status.getDetails().getCauses().stream()
                .map(cause -> new FieldError(cause.getField(), cause.getReason(), cause.getMessage())).toList();
    }
}

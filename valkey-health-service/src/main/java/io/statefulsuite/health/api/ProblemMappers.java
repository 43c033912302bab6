package io.statefulsuite.health.api;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.statefulsuite.kit.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

import static io.statefulsuite.kit.problem.CommonProblemMappers.instance;
import static io.statefulsuite.kit.problem.CommonProblemMappers.respond;

/**
 * The Kubernetes API's refusals while discovering; everything else is answered by service-kit's
 * {@code CommonProblemMappers}, in the same problem vocabulary.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final int RETRY_AFTER_SECONDS = 5;

    /**
     * The API server's answer while discovering: its message may name objects and the service account, so only the
     * status class goes back (the log keeps the rest for the operator).
     */
    @ServerExceptionMapper
    public Response kubernetes(KubernetesClientException e, UriInfo uri) {
        int code = e.getCode();
        String instance = instance(uri);
        LOG.warnf("Kubernetes API answered HTTP %d on %s: %s", code, instance, e.getMessage());
        if (code == 404) {
            return respond(Problem.of("not-found", "Not found", 404,
                    "The Kubernetes API does not know the requested object", instance, List.of()));
        }
        if (code == 401 || code == 403) {
            return respond(Problem.of("kubernetes-forbidden", "Forbidden by the cluster's RBAC", 502,
                    "The Kubernetes API refused the service's request (forbidden by RBAC); see the service log and"
                            + " its ClusterRole", instance, List.of()));
        }
        Response response = respond(Problem.of("kubernetes-unavailable", "Kubernetes API unavailable", 503,
                "The Kubernetes API is unavailable or refused the request (HTTP " + code + "); retry later", instance,
                List.of()));
        return Response.fromResponse(response).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}

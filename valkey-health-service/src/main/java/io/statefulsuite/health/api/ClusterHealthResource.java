package io.statefulsuite.health.api;

import io.statefulsuite.health.domain.ClusterRef;
import io.statefulsuite.kit.problem.CommonProblemMappers;
import io.statefulsuite.kit.problem.Problem;
import io.statefulsuite.kit.problem.ProblemException;
import io.statefulsuite.health.domain.HealthReport;
import io.statefulsuite.health.k8s.ClusterDiscovery;
import io.statefulsuite.health.monitor.HealthMonitor;
import io.statefulsuite.health.monitor.ProbeLimiter;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;
import java.util.Optional;

/** Health of the clusters found in Kubernetes: cached from the schedule, fresh on request, or probed on a POST. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterHealthResource {

    private final HealthMonitor monitor;
    private final ClusterDiscovery discovery;

    public ClusterHealthResource(HealthMonitor monitor, ClusterDiscovery discovery) {
        this.monitor = monitor;
        this.discovery = discovery;
    }

    @GET
    @Path("/namespaces/{namespace}/valkey-clusters/{name}/health")
    public HealthResponse health(@PathParam("namespace") String namespace, @PathParam("name") String name,
                                 @QueryParam("fresh") @DefaultValue("false") boolean fresh) {
        ClusterRef ref = ClusterNames.ref(namespace, name);
        HealthReport report = (fresh ? Optional.<HealthReport>empty() : monitor.latest(ref))
                .or(() -> monitor.checkNow(ref, false))
                .orElseThrow(() -> unknown(ref));
        return HealthResponse.of(ref, report);
    }

    /**
     * A check with the canary probe: it writes keys, so it is a POST (a GET must stay safe to repeat and crawl), and
     * it is limited per cluster: a request during a probe shares its report, one soon after gets 429 + Retry-After.
     */
    @POST
    @Path("/namespaces/{namespace}/valkey-clusters/{name}/health/probe")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = HealthResponse.class)))
    @APIResponse(responseCode = "429", description = "a probe of this cluster ran less than "
            + "valkey-health.probe-min-interval ago; Retry-After says when to come back")
    public Response probe(@PathParam("namespace") String namespace, @PathParam("name") String name,
                          @Context UriInfo uri) {
        ClusterRef ref = ClusterNames.ref(namespace, name);
        ProbeLimiter.Decision decision = monitor.probeNow(ref);
        if (decision instanceof ProbeLimiter.Refused refused) {
            long seconds = Math.max(1, (refused.retryAfter().toMillis() + 999) / 1000);
            Response problem = CommonProblemMappers.respond(Problem.of("too-many-requests", "Too Many Requests", 429,
                    "Cluster " + ref.name() + " was probed moments ago and probes write keys; retry in " + seconds
                            + " s", CommonProblemMappers.instance(uri), List.of()));
            return Response.fromResponse(problem).header("Retry-After", seconds).build();
        }
        HealthReport report = ((ProbeLimiter.Probed) decision).report().orElseThrow(() -> unknown(ref));
        return Response.ok(HealthResponse.of(ref, report)).build();
    }

    @GET
    @Path("/namespaces/{namespace}/valkey-clusters/{name}/health/history")
    public HistoryResponse history(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        ClusterRef ref = ClusterNames.ref(namespace, name);
        List<io.statefulsuite.health.domain.Transition> transitions = monitor.transitions(ref)
                .or(() -> discovery.discover(ref).map(found -> List.of()))
                .orElseThrow(() -> unknown(ref));
        return new HistoryResponse(namespace, name, transitions);
    }

    @GET
    @Path("/valkey-clusters/health")
    public SummaryResponse summary() {
        return SummaryResponse.of(monitor.latestReports());
    }

    private static ProblemException unknown(ClusterRef ref) {
        return ProblemException.notFound("No Valkey cluster '" + ref.name() + "' in namespace '" + ref.namespace()
                + "' (neither a ValkeyCluster resource nor pods labelled app.kubernetes.io/instance=" + ref.name() + ")");
    }
}

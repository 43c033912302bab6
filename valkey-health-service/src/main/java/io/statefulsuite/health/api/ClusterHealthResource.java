package io.statefulsuite.health.api;

import io.statefulsuite.health.domain.ClusterRef;
import io.statefulsuite.health.domain.HealthReport;
import io.statefulsuite.health.k8s.ClusterDiscovery;
import io.statefulsuite.health.monitor.HealthMonitor;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

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

    /** A check with the canary probe: it writes keys, so it is a POST (a GET must stay safe to repeat and crawl). */
    @POST
    @Path("/namespaces/{namespace}/valkey-clusters/{name}/health/probe")
    public HealthResponse probe(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        ClusterRef ref = ClusterNames.ref(namespace, name);
        HealthReport report = monitor.checkNow(ref, true).orElseThrow(() -> unknown(ref));
        return HealthResponse.of(ref, report);
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

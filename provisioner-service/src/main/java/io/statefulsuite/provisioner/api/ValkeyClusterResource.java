package io.statefulsuite.provisioner.api;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.statefulsuite.kit.problem.ProblemException;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;
import io.statefulsuite.provisioner.domain.SpecValidator;
import io.statefulsuite.provisioner.domain.Violation;
import io.statefulsuite.provisioner.k8s.Json;
import io.statefulsuite.provisioner.k8s.ValkeyClusterStore;
import io.statefulsuite.provisioner.reconcile.ReconcileLoop;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * ValkeyClusters over HTTP. The desired state is written to the custom resource and nothing else: the reconciler
 * (on the leader replica) creates the workload from it, so every call here is quick and any replica can answer.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ValkeyClusters", description = "Zone-redundant Valkey clusters")
public class ValkeyClusterResource {

    static final String YAML = "application/yaml";
    private static final String CLUSTER = "/namespaces/{namespace}/valkey-clusters/{name}";
    private static final String RENDER = ":render";
    private static final int UNCONDITIONAL_UPDATE_ATTEMPTS = 3;

    private final ValkeyClusterStore store;
    private final ReconcileLoop loop;
    private final ManifestsYaml manifests;

    public ValkeyClusterResource(ValkeyClusterStore store, ReconcileLoop loop, ManifestsYaml manifests) {
        this.store = store;
        this.loop = loop;
        this.manifests = manifests;
    }

    @PUT
    @Path(CLUSTER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, YAML})
    @Operation(summary = "Create or update a Valkey cluster",
            description = "The body is the cluster's spec; every field is optional (defaults: 3 shards, 1 replica "
                    + "per shard, zones 1-3, 20Gi managed-csi-premium). The same spec twice writes nothing. "
                    + "If-Match with the resourceVersion makes the update conditional. dryRun=true validates "
                    + "and returns the manifests that would be applied, as YAML, without writing.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "Updated, or unchanged; with dryRun the YAML manifests")
    @APIResponse(responseCode = "400", description = "Malformed JSON, wrong type or unknown field")
    @APIResponse(responseCode = "409", description = "If-Match does not match, or the cluster is being deleted")
    @APIResponse(responseCode = "422", description = "The spec breaks a rule; errors[] names every field")
    public Response put(@PathParam("namespace") String namespace, @PathParam("name") String name,
                        @Parameter(description = "resourceVersion the update is based on")
                        @HeaderParam("If-Match") String ifMatch,
                        @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
                        ValkeyClusterSpec body, @Context UriInfo uri) {
        ValkeyClusterSpec spec = Objects.requireNonNullElseGet(body, ValkeyClusterSpec::new);
        if (!PathNames.violations(namespace, name).isEmpty()) {
            // never ask the API server about a name no object can have; report it with the body's violations
            Violations.reject(SpecValidator.validate(namespace, name, spec));
        }
        Optional<ValkeyCluster> existing = store.find(namespace, name);
        Violations.reject(existing.map(current -> updateViolations(current, spec))
                .orElseGet(() -> SpecValidator.validate(namespace, name, spec)));
        existing.ifPresent(current -> checkPrecondition(current, ifMatch));
        if (existing.isEmpty() && ifMatch != null) {
            throw ProblemException.conflict("If-Match given but " + namespace + "/" + name + " does not exist");
        }
        if (dryRun) {
            return Response.ok(manifests.yaml(namespace, name, spec), YAML).build();
        }
        if (existing.isEmpty()) {
            ValkeyCluster created = store.create(newCluster(namespace, name, spec));
            loop.enqueue(namespace, name);
            return withTag(Response.created(uri.getRequestUri()), created).build();
        }
        ValkeyCluster current = existing.get();
        if (Json.sameTree(current.getSpec(), spec)) {
            return withTag(Response.ok(), current).build();
        }
        ValkeyCluster updated = replaceSpec(current, spec, ifMatch);
        loop.enqueue(namespace, name);
        return withTag(Response.ok(), updated).build();
    }

    /**
     * With If-Match a 409 is the caller's lost update. Without it the caller set no precondition, so a conflict with
     * a concurrent write (the reconciler's status updates change resourceVersion too) is retried on a fresh read,
     * validated again against it.
     */
    private ValkeyCluster replaceSpec(ValkeyCluster current, ValkeyClusterSpec spec, String ifMatch) {
        for (int attempt = 1; ; attempt++) {
            current.setSpec(spec);
            if (ifMatch != null) {
                current.getMetadata().setResourceVersion(resourceVersion(ifMatch));
            }
            try {
                return store.replace(current);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || ifMatch != null || attempt == UNCONDITIONAL_UPDATE_ATTEMPTS) {
                    throw e;
                }
                String namespace = current.getMetadata().getNamespace();
                String name = current.getMetadata().getName();
                current = store.find(namespace, name)
                        .orElseThrow(() -> ProblemException.notFound("ValkeyCluster " + namespace + "/" + name + " does not exist"));
                Violations.reject(updateViolations(current, spec));
            }
        }
    }

    @GET
    @Path(CLUSTER)
    @Operation(summary = "Read a Valkey cluster with its status")
    @APIResponse(responseCode = "200", description = "The cluster")
    @APIResponse(responseCode = "404", description = "No such cluster")
    public Response get(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return withTag(Response.ok(), find(namespace, name)).build();
    }

    @GET
    @Path("/namespaces/{namespace}/valkey-clusters")
    @Operation(summary = "List the Valkey clusters of a namespace")
    public ValkeyClusterList list(@PathParam("namespace") String namespace) {
        Violations.reject(PathNames.namespaceViolations(namespace));
        return listOf(store.list(namespace));
    }

    @GET
    @Path("/valkey-clusters")
    @Operation(summary = "List the Valkey clusters of all namespaces")
    public ValkeyClusterList listAll() {
        return listOf(store.listAll());
    }

    @DELETE
    @Path(CLUSTER)
    @Operation(summary = "Delete a Valkey cluster",
            description = "Starts deletion and returns at once with phase Deleting. The workload goes; the "
                    + "volumes (PVCs) stay unless retainVolumes=false, so a cluster re-created with the same "
                    + "name finds its data.")
    @APIResponse(responseCode = "202", description = "Deletion started")
    @APIResponse(responseCode = "404", description = "No such cluster")
    public Response delete(@PathParam("namespace") String namespace, @PathParam("name") String name,
                           @Parameter(description = "false: delete the PVCs (and an inline StorageClass) too")
                           @QueryParam("retainVolumes") @DefaultValue("true") boolean retainVolumes) {
        ValkeyCluster deleting = store.delete(find(namespace, name), retainVolumes);
        loop.enqueue(namespace, name);
        return Response.accepted(ValkeyClusterView.of(deleting)).build();
    }

    /**
     * Custom methods in the Google API style, {@code POST .../{name}:<method>}; today only {@code :render}. Quarkus
     * REST does not route a path parameter followed by a literal in the same segment, so the method is split off
     * here. META-INF/openapi.yaml documents {@code {name}:render} in place of this generic operation.
     */
    @POST
    @Path(CLUSTER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(YAML)
    @Operation(hidden = true)
    public String customMethod(@PathParam("namespace") String namespace, @PathParam("name") String nameAndMethod,
                               ValkeyClusterSpec body) {
        if (!nameAndMethod.endsWith(RENDER)) {
            throw ProblemException.notFound("method POST " + nameAndMethod + " does not exist (only <name>:render exists)");
        }
        String name = nameAndMethod.substring(0, nameAndMethod.length() - RENDER.length());
        ValkeyClusterSpec spec = Objects.requireNonNullElseGet(body, ValkeyClusterSpec::new);
        Violations.reject(SpecValidator.validate(namespace, name, spec));
        return manifests.yaml(namespace, name, spec);
    }

    private ValkeyCluster find(String namespace, String name) {
        Violations.reject(PathNames.violations(namespace, name));
        return store.find(namespace, name)
                .orElseThrow(() -> ProblemException.notFound("ValkeyCluster " + namespace + "/" + name + " does not exist"));
    }

    /** The validator's rules for a change; shards may grow (formation migrates slots to the new primaries). */
    private static List<Violation> updateViolations(ValkeyCluster current, ValkeyClusterSpec desired) {
        return SpecValidator.validateUpdate(current.getMetadata().getNamespace(), current.getMetadata().getName(),
                current.getSpec(), desired);
    }

    private static void checkPrecondition(ValkeyCluster current, String ifMatch) {
        if (current.isMarkedForDeletion()) {
            throw ProblemException.conflict("the cluster is being deleted; wait until it is gone");
        }
        String actual = current.getMetadata().getResourceVersion();
        if (ifMatch != null && !resourceVersion(ifMatch).equals(actual)) {
            throw ProblemException.conflict("If-Match " + ifMatch + " does not match the current resourceVersion "
                    + actual + ": someone else changed the cluster; read it again");
        }
    }

    /** Accepts the resourceVersion as an entity tag ({@code "42"}, as sent back from ETag) or bare ({@code 42}). */
    private static String resourceVersion(String ifMatch) {
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static ValkeyCluster newCluster(String namespace, String name, ValkeyClusterSpec spec) {
        ValkeyCluster cluster = new ValkeyCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        cluster.setSpec(spec);
        return cluster;
    }

    private static Response.ResponseBuilder withTag(Response.ResponseBuilder builder, ValkeyCluster cluster) {
        return builder.entity(ValkeyClusterView.of(cluster))
                .tag(new EntityTag(cluster.getMetadata().getResourceVersion()));
    }

    private static ValkeyClusterList listOf(List<ValkeyCluster> clusters) {
        return new ValkeyClusterList(clusters.stream().map(ValkeyClusterView::of).toList());
    }
}

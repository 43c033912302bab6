package io.statefulsuite.secretssync.api;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.statefulsuite.kit.problem.FieldError;
import io.statefulsuite.kit.problem.ProblemException;
import io.statefulsuite.secretssync.crd.SecretSync;
import io.statefulsuite.secretssync.domain.Names;
import io.statefulsuite.secretssync.domain.SecretSyncSpec;
import io.statefulsuite.secretssync.domain.SpecValidator;
import io.statefulsuite.secretssync.domain.SyncKey;
import io.statefulsuite.secretssync.domain.Violation;
import io.statefulsuite.secretssync.k8s.SecretSyncRepository;
import io.statefulsuite.secretssync.metrics.SyncMetrics;
import io.statefulsuite.secretssync.sync.SyncEngine;
import io.statefulsuite.secretssync.sync.SyncOutcome;
import io.statefulsuite.secretssync.sync.SyncScheduler;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** SecretSyncs over HTTP for pipelines: declare, read, list, delete, and sync now. Never returns a value. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class SecretSyncResource {

    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
    private static final Pattern LABEL_NAME = Pattern.compile("([a-z0-9.-]{1,253}/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

    private final SecretSyncRepository repository;
    private final SyncScheduler scheduler;
    private final SyncEngine engine;
    private final SyncMetrics metrics;

    public SecretSyncResource(SecretSyncRepository repository, SyncScheduler scheduler, SyncEngine engine,
                              SyncMetrics metrics) {
        this.repository = repository;
        this.scheduler = scheduler;
        this.engine = engine;
        this.metrics = metrics;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/namespaces/{namespace}/secret-syncs/{name}")
    public Response put(@PathParam("namespace") String namespace, @PathParam("name") String name,
                        @HeaderParam("If-Match") String ifMatch, SecretSyncRequest request) {
        SyncKey key = key(namespace, name);
        if (request == null) {
            throw ProblemException.badRequest("a body with spec is required",
                    List.of(new FieldError("spec", "required", "spec is required")));
        }
        List<Violation> violations = new ArrayList<>(SpecValidator.validate(request.spec()));
        violations.addAll(labelViolations(request.labels()));
        if (violations.isEmpty()) {
            engine.tenancy().refusal(namespace, request.spec().vault().url()).ifPresent(violations::add);
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(ProblemMappers.errors(violations));
        }
        SecretSync wanted = resource(key, request.labels(), request.spec());
        if (ifMatch != null) {
            return tagged(Response.ok(), replaceIfUnchanged(wanted, resourceVersion(ifMatch)));
        }
        // The answer carries the version this write made, not a re-read one that a racing writer may have replaced.
        SecretSyncRepository.Written written = repository.createOrReplace(wanted);
        return tagged(Response.status(written.created() ? 201 : 200), written.stored());
    }

    /**
     * The caller's optimistic lock: the update carries the resourceVersion it read, so the API server refuses it with
     * 409 when anyone wrote in between, also between this check and the update.
     */
    private SecretSync replaceIfUnchanged(SecretSync wanted, String resourceVersion) {
        SyncKey key = new SyncKey(wanted.getMetadata().getNamespace(), wanted.getMetadata().getName());
        SecretSync current = repository.get(key).orElseThrow(() -> conflict("If-Match given but SecretSync " + key
                + " does not exist"));
        if (!resourceVersion.equals(current.getMetadata().getResourceVersion())) {
            throw conflict("If-Match " + resourceVersion + " does not match the current resourceVersion "
                    + current.getMetadata().getResourceVersion() + ": someone else changed " + key + "; read it again");
        }
        current.setSpec(wanted.getSpec());
        current.getMetadata().setLabels(wanted.getMetadata().getLabels());
        SecretSync updated = repository.resources().inNamespace(key.namespace()).resource(current).update();
        metrics.kubernetesWrite("secretsync", "update");
        return updated;
    }

    private static ProblemException conflict(String detail) {
        return ProblemException.conflict(detail);
    }

    /** Accepts the resourceVersion as an entity tag ({@code "42"}, as sent in ETag) or bare ({@code 42}). */
    private static String resourceVersion(String ifMatch) {
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static Response tagged(Response.ResponseBuilder builder, SecretSync resource) {
        return builder.entity(SecretSyncView.of(resource))
                .tag(new EntityTag(resource.getMetadata().getResourceVersion())).build();
    }

    @GET
    @Path("/namespaces/{namespace}/secret-syncs/{name}")
    public Response get(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        SyncKey key = key(namespace, name);
        return tagged(Response.ok(), repository.get(key)
                .orElseThrow(() -> ProblemException.notFound("SecretSync " + key + " does not exist")));
    }

    @DELETE
    @Path("/namespaces/{namespace}/secret-syncs/{name}")
    public Response delete(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        SyncKey key = key(namespace, name);
        if (!repository.delete(key)) {
            throw ProblemException.notFound("SecretSync " + key + " does not exist");
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/namespaces/{namespace}/secret-syncs")
    public SecretSyncList list(@PathParam("namespace") String namespace) {
        if (!Names.isNamespace(namespace)) {
            throw ProblemException.invalid(ProblemMappers.errors(List.of(namespaceViolation())));
        }
        return new SecretSyncList(repository.list(namespace).stream().map(SecretSyncView::of).toList());
    }

    @GET
    @Path("/secret-syncs")
    public SecretSyncList listAll() {
        return new SecretSyncList(repository.listAll().stream().map(SecretSyncView::of).toList());
    }

    /** {@code POST …/{name}:sync} — Google-style custom method; the action is the part after the colon. */
    @POST
    @Path("/namespaces/{namespace}/secret-syncs/{nameAndAction}")
    public SyncResult syncNow(@PathParam("namespace") String namespace, @PathParam("nameAndAction") String nameAndAction) {
        SyncKey key = key(namespace, CustomMethods.name(nameAndAction, "sync"));
        if (repository.get(key).isEmpty()) {
            throw ProblemException.notFound("SecretSync " + key + " does not exist");
        }
        long started = System.nanoTime();
        return scheduler.syncNow(key)
                .map(outcome -> {
                    if (SyncOutcome.OVERLOADED.equals(outcome.reason())) {
                        throw new ProblemException(503, "sync-queue-full", "Sync queue full", "too many syncs are waiting; " + key
                                + " was not synced, try again in a minute", List.of());
                    }
                    return SyncResult.of(outcome, (System.nanoTime() - started) / 1_000_000);
                })
                .orElseThrow(() -> new ProblemException(504, "sync-timeout", "Sync timeout", "the sync of " + key
                        + " did not finish in time; it goes on in the background", List.of()));
    }

    private static SyncKey key(String namespace, String name) {
        List<Violation> violations = new ArrayList<>();
        if (!Names.isNamespace(namespace)) {
            violations.add(namespaceViolation());
        }
        if (!Names.isObjectName(name)) {
            violations.add(new Violation("metadata.name", "format",
                    "metadata.name must be a DNS-1123 subdomain (lower case, digits, '-', '.')"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(ProblemMappers.errors(violations));
        }
        return new SyncKey(namespace, name);
    }

    private static Violation namespaceViolation() {
        return new Violation("metadata.namespace", "format", "metadata.namespace must be a DNS-1123 label");
    }

    private static List<Violation> labelViolations(Map<String, String> labels) {
        if (labels == null) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        labels.forEach((label, value) -> {
            if (!LABEL_NAME.matcher(label).matches() || value == null || !LABEL_VALUE.matcher(value).matches()) {
                violations.add(new Violation("labels[" + label + "]", "format", "labels[" + label
                        + "] is not a valid Kubernetes label"));
            }
        });
        return violations;
    }

    private static SecretSync resource(SyncKey key, Map<String, String> labels, SecretSyncSpec spec) {
        SecretSync resource = new SecretSync();
        resource.setMetadata(new ObjectMetaBuilder().withNamespace(key.namespace()).withName(key.name())
                .withLabels(labels).build());
        resource.setSpec(spec);
        return resource;
    }
}

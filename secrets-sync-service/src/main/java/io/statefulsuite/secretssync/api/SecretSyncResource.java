package io.statefulsuite.secretssync.api;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.statefulsuite.secretssync.crd.SecretSync;
import io.statefulsuite.secretssync.domain.Names;
import io.statefulsuite.secretssync.domain.SecretSyncSpec;
import io.statefulsuite.secretssync.domain.SpecValidator;
import io.statefulsuite.secretssync.domain.SyncKey;
import io.statefulsuite.secretssync.domain.Violation;
import io.statefulsuite.secretssync.k8s.SecretSyncRepository;
import io.statefulsuite.secretssync.sync.SyncEngine;
import io.statefulsuite.secretssync.sync.SyncScheduler;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

    public SecretSyncResource(SecretSyncRepository repository, SyncScheduler scheduler, SyncEngine engine) {
        this.repository = repository;
        this.scheduler = scheduler;
        this.engine = engine;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/namespaces/{namespace}/secret-syncs/{name}")
    public Response put(@PathParam("namespace") String namespace, @PathParam("name") String name,
                        SecretSyncRequest request) {
        SyncKey key = key(namespace, name);
        if (request == null) {
            throw new ProblemException(400, "Bad Request", "a body with spec is required",
                    List.of(new Problem.FieldError("spec", "required", "spec is required")));
        }
        List<Violation> violations = new ArrayList<>(SpecValidator.validate(request.spec()));
        violations.addAll(labelViolations(request.labels()));
        if (violations.isEmpty()) {
            engine.tenancy().refusal(namespace, request.spec().vault().url()).ifPresent(violations::add);
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        boolean created = repository.createOrReplace(resource(key, request.labels(), request.spec()));
        SecretSyncView view = SecretSyncView.of(repository.get(key).orElseThrow());
        return Response.status(created ? 201 : 200).entity(view).build();
    }

    @GET
    @Path("/namespaces/{namespace}/secret-syncs/{name}")
    public SecretSyncView get(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        SyncKey key = key(namespace, name);
        return repository.get(key).map(SecretSyncView::of)
                .orElseThrow(() -> ProblemException.notFound("SecretSync " + key + " does not exist"));
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
            throw ProblemException.invalid(List.of(namespaceViolation()));
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
                .map(outcome -> SyncResult.of(outcome, (System.nanoTime() - started) / 1_000_000))
                .orElseThrow(() -> new ProblemException(504, "Sync Timeout", "the sync of " + key
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
            throw ProblemException.invalid(violations);
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

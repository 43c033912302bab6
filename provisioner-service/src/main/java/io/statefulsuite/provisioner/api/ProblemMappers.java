package io.statefulsuite.provisioner.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.statefulsuite.auth.RequestBodyLimit;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place errors become responses: every refusal is an RFC 9457 problem naming the field and rule, and
 * nothing unexpected leaks a stack trace or a secret.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Seconds a client should wait when the Kubernetes API is unavailable; about one API-server failover. */
    static final int RETRY_AFTER_SECONDS = 5;
    /** Jackson's words for a key found twice ({@link StrictJson}). */
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '(.{1,253})'");

    private final ObjectMapper json;

    public ProblemMappers(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(instance(uri)));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = fieldPath(e.getPath());
        return badBody(uri, new FieldError(field, "unknown-field",
                "unknown field '" + e.getPropertyName() + "'; known fields: " + e.getKnownPropertyIds()));
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e, UriInfo uri) {
        String field = fieldPath(e.getPath());
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        String got = e instanceof InvalidFormatException invalid ? " (got '" + invalid.getValue() + "')" : "";
        return badBody(uri, new FieldError(field.isEmpty() ? "body" : field, "type",
                "must be " + expected + got));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return badBody(uri, new FieldError(fieldPath(mapping.getPath()), "invalid", mapping.getOriginalMessage()));
        }
        String where = e.getLocation() == null || e.getLocation().getLineNr() < 0 ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        if (e instanceof StreamConstraintsException) {
            // Jackson's message names the exceeded limit (nesting depth, number or string length), not the input
            return badBody(uri, new FieldError("body", "limits", e.getOriginalMessage() + where));
        }
        Matcher duplicate = DUPLICATE_KEY.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.matches()) {
            return badBody(uri, new FieldError(duplicate.group(1), "duplicate-key",
                    "'" + duplicate.group(1) + "' appears twice in one object" + where));
        }
        String rule = e instanceof JsonParseException ? "syntax" : "invalid";
        return badBody(uri, new FieldError("body", rule, "malformed JSON" + where));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException cause) {
            return unreadable(cause, uri);
        }
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        return respond(new Problem(Problem.type("http-" + status), title, status, e.getMessage(), instance(uri),
                List.of()));
    }

    @ServerExceptionMapper
    public Response kubernetes(KubernetesClientException e, UriInfo uri) {
        int code = e.getCode();
        String instance = instance(uri);
        String reason = Optional.ofNullable(e.getStatus()).map(Status::getMessage).orElse(e.getMessage());
        return switch (code) {
            case 404 -> respond(new Problem(Problem.type("not-found"), "Not found", 404, reason, instance, List.of()));
            case 409 -> respond(new Problem(Problem.type("conflict"), "Conflict", 409,
                    "the object was changed concurrently, read it again and retry: " + reason, instance, List.of()));
            case 422 -> respond(new Problem(Problem.type("validation"), "Rejected by the Kubernetes API", 422,
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
        return respond(new Problem(Problem.type("kubernetes-forbidden"), "Forbidden by the cluster's RBAC", 502,
                "the Kubernetes API refused the provisioner's own request; an operator must grant its "
                        + "ServiceAccount the missing right", instance, List.of()));
    }

    /**
     * The body could not be read: a chunked body cut off at {@code quarkus.http.limits.max-body-size} (Quarkus has then
     * answered 413 itself, so this answer is not sent) or a client that went away mid-body.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, UriInfo uri) {
        LOG.debugf("Request body on %s not read: %s", instance(uri), e.getMessage());
        boolean tooLarge = RequestBodyLimit.QUARKUS_TOO_LARGE.equals(e.getMessage());
        return respond(new Problem(Problem.type(tooLarge ? "payload-too-large" : "bad-request"),
                tooLarge ? "Content too large" : "Bad request", tooLarge ? 413 : 400,
                tooLarge ? "the request body is larger than the limit" : "the request body could not be read",
                instance(uri), List.of(new FieldError("body", tooLarge ? "max-size" : "readable", e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", incident, instance(uri));
        return respond(new Problem(Problem.type("internal"), "Internal error", 500,
                "unexpected error; the service log has the details under incident " + incident,
                instance(uri), List.of()));
    }

    private Response unavailable(KubernetesClientException e, int code, String instance) {
        LOG.warnf("Kubernetes API answered %d on %s: %s", code, instance, e.getMessage());
        Problem problem = new Problem(Problem.type("kubernetes-unavailable"), "Kubernetes API unavailable", 503,
                "the Kubernetes API did not answer properly (" + (code == 0 ? "no response" : "HTTP " + code)
                        + "); retry later", instance, List.of());
        return Response.fromResponse(respond(problem)).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    /** Body fields of the cluster endpoints are named as in the ValkeyCluster resource, like the 422 errors. */
    private Response badBody(UriInfo uri, FieldError error) {
        boolean clusterSpec = uri != null && instance(uri).contains("/valkey-clusters/") && !"body".equals(error.field());
        FieldError named = clusterSpec ? new FieldError("spec." + error.field(), error.rule(), error.message()) : error;
        return problem(ProblemException.badRequest(named), uri);
    }

    private Response respond(Problem problem) {
        try {
            // Serialised here so the problem media type never depends on which body writers are registered.
            return Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                    .entity(json.writeValueAsString(problem)).build();
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static List<FieldError> causes(Status status) {
        if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
            return List.of();
        }
        return status.getDetails().getCauses().stream()
                .map(c -> new FieldError(c.getField(), c.getReason(), c.getMessage()))
                .toList();
    }

    static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "an object of strings";
        }
        return type.isEnum() ? "one of " + List.of(type.getEnumConstants()) : "an object";
    }

    /**
     * The request's path as sent. Not {@code UriInfo.getPath()}: it decodes once more a path already decoded and
     * stripped of matrix parameters, and throws on e.g. {@code /a;b/%25}, which would turn a 400 into a 500.
     */
    private static String instance(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}

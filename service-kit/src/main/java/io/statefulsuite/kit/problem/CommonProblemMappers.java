package io.statefulsuite.kit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.statefulsuite.auth.JsonErrors;
import io.statefulsuite.auth.RequestBodyLimit;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What every service of the suite answers the same way: its own {@link ProblemException}s, bodies that are no JSON
 * or not of the documented shape, JAX-RS' own refusals (404, 405, 406, 415, …), a body that could not be read, and
 * anything unexpected. Each is an RFC 9457 problem naming the field and the rule; none echoes the input (it may be a
 * secret) or leaks a stack trace. The Kubernetes API's refusals are {@link KubernetesProblemMapper}'s; a service maps only
 * its own exceptions (a vault's) itself.
 */
public class CommonProblemMappers {

    private static final Logger LOG = Logger.getLogger(CommonProblemMappers.class);

    private final BodyFieldNames fieldNames;

    @Inject
    public CommonProblemMappers(Instance<BodyFieldNames> fieldNames) {
        this(fieldNames.isResolvable() ? fieldNames.get() : (instance, field) -> field);
    }

    CommonProblemMappers(BodyFieldNames fieldNames) {
        this.fieldNames = fieldNames;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(instance(uri)));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return badBody(uri, fieldPath(e), "unknown-field", "unknown field '" + e.getPropertyName()
                + "'; known fields: " + e.getKnownPropertyIds());
    }

    /** Preempts Quarkus' built-in mapper for this type, which answers with Jackson's message (the input quoted). */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String expected = e.getTargetType() == null ? "a value of the documented type" : describe(e.getTargetType());
        return badBody(uri, fieldPath(e), "type", "must be " + expected);
    }

    @ServerExceptionMapper
    public Response wrongShape(JsonMappingException e, UriInfo uri) {
        if (e.getPath().isEmpty()) {
            return malformed(e, uri);
        }
        return badBody(uri, fieldPath(e), "type", "a value of the documented type and shape for this field");
    }

    /** The position, a duplicated key or the parser limit exceeded; never the text found there. */
    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        JsonErrors.BodyError error = JsonErrors.bodyError(e);
        String field = "body".equals(error.field()) ? "body" : fieldNames.name(instance(uri), error.field());
        return respond(Problem.of("bad-request", "Bad request", 400, "the body is not valid JSON"
                + JsonErrors.where(e), instance(uri), List.of(new FieldError(field, error.rule(), error.message()))));
    }

    /** JAX-RS' own refusals: no such route (404), method (405), media type (406, 415), and the like. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json, uri);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String name = known == null ? "http-" + status : title.toLowerCase(Locale.ROOT).replace(' ', '-');
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? title : e.getMessage();
        return respond(Problem.of(name, title, status, detail, instance(uri), List.of()));
    }

    /**
     * The body could not be read: a chunked body cut off at {@code quarkus.http.limits.max-body-size} (Quarkus has then
     * answered 413 itself, so this answer is not sent) or a client that went away mid-body.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, UriInfo uri) {
        LOG.debugf("Request body on %s not read: %s", instance(uri), e.getMessage());
        if (RequestBodyLimit.QUARKUS_TOO_LARGE.equals(e.getMessage())) {
            return respond(Problem.of("content-too-large", "Content too large", 413,
                    "the request body is larger than the limit", instance(uri),
                    List.of(new FieldError("body", "max-size", "a smaller body"))));
        }
        return respond(Problem.of("bad-request", "Bad request", 400, "the request body could not be read",
                instance(uri), List.of(new FieldError("body", "readable", "a complete request body"))));
    }

    /** Never a stack trace: the log keeps it under an incident id the answer names. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", incident, instance(uri));
        return respond(Problem.of("internal", "Internal error", 500,
                "unexpected error; the service log has the details under incident " + incident, instance(uri),
                List.of()));
    }

    /** The one way a problem leaves a service, also for the mappers of a service's own exceptions. */
    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /**
     * The request's path as sent. Not {@code UriInfo.getPath()}: it decodes once more a path already decoded and
     * stripped of matrix parameters, and throws on e.g. {@code /a;b/%25}, which would turn a 400 into a 500.
     */
    public static String instance(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    private Response badBody(UriInfo uri, String path, String rule, String message) {
        String field = path.isEmpty() ? "body" : fieldNames.name(instance(uri), path);
        return respond(ProblemException.badRequest(new FieldError(field, rule, message)).toProblem(instance(uri)));
    }

    static String fieldPath(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
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
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return type.isEnum() ? "one of " + List.of(type.getEnumConstants()) : "an object";
    }
}

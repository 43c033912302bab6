package io.statefulsuite.health.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.statefulsuite.auth.JsonErrors;
import io.statefulsuite.auth.RequestBodyLimit;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** Every error leaves as application/problem+json; nothing leaks a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String TYPE = "https://stateful.suite.io/problems/";
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status(), e.title(), e.getMessage(), uri, e.errors());
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = path(e);
        return respond(400, "Bad Request", "Unknown field '" + field + "'", uri,
                List.of(new Problem.FieldError(field, "unknown-field", "this field is not part of the request")));
    }

    /** Jackson's own message quotes the offending input (a password, say): only the field path goes back. */
    @ServerExceptionMapper
    public Response unreadable(JsonMappingException e, UriInfo uri) {
        String field = path(e);
        return respond(400, "Bad Request", "The request body does not match the expected shape", uri,
                List.of(new Problem.FieldError(field.isEmpty() ? "body" : field, "type",
                        "a value of the documented type for this field")));
    }

    /** Preempts Quarkus' built-in mapper for this type, which answers with the offending value. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    /** As above: the position, never the text found there. */
    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        return respond(400, "Bad Request", "The request body is not valid JSON" + JsonErrors.where(e), uri,
                List.of(fieldError(JsonErrors.bodyError(e))));
    }

    /**
     * The API server's answer while discovering: its message may name objects and the service account, so only the
     * status class goes back (the log keeps the rest for the operator).
     */
    @ServerExceptionMapper
    public Response kubernetes(KubernetesClientException e, UriInfo uri) {
        int code = e.getCode();
        LOG.warnf("Kubernetes API answered HTTP %d on %s: %s", code, instance(uri), e.getMessage());
        if (code == 404) {
            return respond(404, "Not Found", "The Kubernetes API does not know the requested object", uri, List.of());
        }
        if (code == 401 || code == 403) {
            return respond(502, "Bad Gateway", "The Kubernetes API refused the service's request (forbidden by RBAC);"
                    + " see the service log and its ClusterRole", uri, List.of());
        }
        Response response = respond(503, "Service Unavailable", "The Kubernetes API is unavailable or refused the"
                + " request (HTTP " + code + "); retry later", uri, List.of());
        return Response.fromResponse(response).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json, uri);
        }
        return respond(status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage(), uri, List.of());
    }

    /**
     * The body could not be read: a chunked body cut off at {@code quarkus.http.limits.max-body-size} (Quarkus has then
     * answered 413 itself, so this answer is not sent) or a client that went away mid-body.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, UriInfo uri) {
        LOG.debugf("Request body on %s not read: %s", instance(uri), e.getMessage());
        if (RequestBodyLimit.QUARKUS_TOO_LARGE.equals(e.getMessage())) {
            return respond(413, "Content Too Large", "The request body is larger than the limit", uri,
                    List.of(new Problem.FieldError("body", "max-size", "a smaller body")));
        }
        return respond(400, "Bad Request", "The request body could not be read", uri,
                List.of(new Problem.FieldError("body", "readable", "a complete request body")));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "Unexpected error on %s", instance(uri));
        return respond(500, "Internal Server Error", "The request failed unexpectedly; see the service log", uri,
                List.of());
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    static Response respond(int status, String title, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        String slug = title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        Problem problem = new Problem(TYPE + slug, title, status, detail, instance(uri),
                errors.isEmpty() ? null : errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /**
     * The request's path as sent. Not {@code UriInfo.getPath()}: it decodes once more a path already decoded and
     * stripped of matrix parameters, and throws on e.g. {@code /a;b/%25}, which would turn a 400 into a 500.
     */
    private static String instance(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    private static Problem.FieldError fieldError(JsonErrors.BodyError error) {
        return new Problem.FieldError(error.field(), error.rule(), error.message());
    }
}

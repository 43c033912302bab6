package io.statefulsuite.secretssync.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.statefulsuite.auth.JsonErrors;
import io.statefulsuite.auth.RequestBodyLimit;
import io.statefulsuite.secretssync.keyvault.VaultException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** Every error becomes an RFC 9457 problem: no stack traces, no 500 for bad input, no values echoed. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(instance(uri)));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = path(e);
        return respond(Problem.of(400, "Bad Request", "unknown field " + field, instance(uri),
                List.of(new Problem.FieldError(field, "unknown", "field " + field + " is not part of the API"))));
    }

    /** Preempts Quarkus' built-in mapper for this type, which answers with Jackson's message (the input quoted). */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return malformed(e, uri);
    }

    @ServerExceptionMapper
    public Response malformed(JsonMappingException e, UriInfo uri) {
        String field = path(e).isEmpty() ? "body" : path(e);
        return respond(Problem.of(400, "Bad Request", "field " + field + " has the wrong type or shape", instance(uri),
                List.of(new Problem.FieldError(field, "type", "cannot read " + field))));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return respond(Problem.of(400, "Bad Request", "the body is not valid JSON" + JsonErrors.where(e),
                instance(uri), List.of(fieldError(JsonErrors.bodyError(e)))));
    }

    @ServerExceptionMapper
    public Response vault(VaultException e, UriInfo uri) {
        int status = e.kind() == VaultException.Kind.THROTTLED ? 503 : e.kind() == VaultException.Kind.CONFLICT ? 409 : 502;
        return respond(Problem.of(status, "Key Vault Error", e.getMessage(), instance(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response kubernetes(KubernetesClientException e, UriInfo uri) {
        int status = e.getCode() == 409 || e.getCode() == 422 || e.getCode() == 404 ? e.getCode() : 502;
        return respond(Problem.of(status, status == 502 ? "Kubernetes API Error" : "Kubernetes Refused",
                "the Kubernetes API answered " + e.getCode()
                        + (e.getStatus() == null ? "" : ": " + e.getStatus().getMessage()), instance(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(Problem.of(status, title == null ? "Error" : title, e.getMessage(), instance(uri), List.of()));
    }

    /**
     * The body could not be read: a chunked body cut off at {@code quarkus.http.limits.max-body-size} (Quarkus has then
     * answered 413 itself, so this answer is not sent) or a client that went away mid-body.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, UriInfo uri) {
        LOG.debugf("request body on %s not read: %s", instance(uri), e.getMessage());
        if (RequestBodyLimit.QUARKUS_TOO_LARGE.equals(e.getMessage())) {
            return respond(Problem.of(413, "Content Too Large", "the request body is larger than the limit",
                    instance(uri), List.of(new Problem.FieldError("body", "max-size", "a smaller body"))));
        }
        return respond(Problem.of(400, "Bad Request", "the request body could not be read", instance(uri),
                List.of(new Problem.FieldError("body", "readable", "a complete request body"))));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf("unexpected error on %s: %s", instance(uri), e.getClass().getName());
        return respond(Problem.of(500, "Internal Server Error", "unexpected error; see the service log",
                instance(uri), List.of()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.replace(".[", "[");
    }

    /**
     * The request's path as sent. Not {@code UriInfo.getPath()}: it decodes once more a path already decoded and
     * stripped of matrix parameters, and throws on e.g. {@code /a;b/%25}, which would turn a 400 into a 500.
     */
    private static String instance(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }

    private static Problem.FieldError fieldError(JsonErrors.BodyError error) {
        return new Problem.FieldError(error.field(), error.rule(), error.message());
    }
}

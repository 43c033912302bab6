package io.statefulsuite.secretssync.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
        return respond(e.toProblem(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = path(e);
        return respond(Problem.of(400, "Bad Request", "unknown field " + field, uri.getPath(),
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
        return respond(Problem.of(400, "Bad Request", "field " + field + " has the wrong type or shape", uri.getPath(),
                List.of(new Problem.FieldError(field, "type", "cannot read " + field))));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return respond(Problem.of(400, "Bad Request", "the body is not valid JSON" + JsonErrors.where(e),
                uri.getPath(), List.of(JsonErrors.bodyError(e))));
    }

    @ServerExceptionMapper
    public Response vault(VaultException e, UriInfo uri) {
        int status = e.kind() == VaultException.Kind.THROTTLED ? 503 : e.kind() == VaultException.Kind.CONFLICT ? 409 : 502;
        return respond(Problem.of(status, "Key Vault Error", e.getMessage(), uri.getPath(), List.of()));
    }

    @ServerExceptionMapper
    public Response kubernetes(KubernetesClientException e, UriInfo uri) {
        int status = e.getCode() == 409 || e.getCode() == 422 || e.getCode() == 404 ? e.getCode() : 502;
        return respond(Problem.of(status, status == 502 ? "Kubernetes API Error" : "Kubernetes Refused",
                "the Kubernetes API answered " + e.getCode()
                        + (e.getStatus() == null ? "" : ": " + e.getStatus().getMessage()), uri.getPath(), List.of()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(Problem.of(status, title == null ? "Error" : title, e.getMessage(), uri.getPath(), List.of()));
    }

    /**
     * The body could not be read: a chunked body cut off at {@code quarkus.http.limits.max-body-size} (Quarkus has then
     * answered 413 itself, so this answer is not sent) or a client that went away mid-body.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, UriInfo uri) {
        LOG.debugf("request body on %s not read: %s", uri.getPath(), e.getMessage());
        if (RequestBodyLimit.QUARKUS_TOO_LARGE.equals(e.getMessage())) {
            return respond(Problem.of(413, "Content Too Large", "the request body is larger than the limit",
                    uri.getPath(), List.of(new Problem.FieldError("body", "max-size", "a smaller body"))));
        }
        return respond(Problem.of(400, "Bad Request", "the request body could not be read", uri.getPath(),
                List.of(new Problem.FieldError("body", "readable", "a complete request body"))));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf("unexpected error on %s: %s", uri.getPath(), e.getClass().getName());
        return respond(Problem.of(500, "Internal Server Error", "unexpected error; see the service log",
                uri.getPath(), List.of()));
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
}

package io.statefulsuite.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The gate's refusals as RFC 9457 problems, in the same shape as the services' own. They name the right that is
 * missing but never whether the target exists: the gate decides before anything is looked up.
 */
@ApplicationScoped
public class AuthProblems {

    static final String MEDIA_TYPE = "application/problem+json";
    /** Seconds to wait before retrying when the Kubernetes API could not review a request. */
    static final int RETRY_AFTER_SECONDS = 5;
    private static final String CHALLENGE = "Bearer realm=\"stateful-suite\"";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
    }

    record FieldError(String field, String rule, String message) {
    }

    private final ObjectMapper json;

    public AuthProblems(ObjectMapper json) {
        this.json = json;
    }

    /** No bearer token at all: the challenge names the scheme only (RFC 6750, section 3). */
    Response missingToken(String instance) {
        return respond(problem("unauthenticated", "Unauthorized", 401, "this API requires an Authorization: Bearer "
                + "header with a Kubernetes ServiceAccount token", instance))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }

    Response invalidToken(String instance) {
        return respond(problem("unauthenticated", "Unauthorized", 401,
                "the bearer token is not valid (unknown, expired, revoked or for another audience)", instance))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE + ", error=\"invalid_token\"").build();
    }

    Response forbidden(String instance, ReviewedUser user, AccessRequest request) {
        return respond(problem("forbidden", "Forbidden", 403, "\"" + user.username() + "\" may not " + request
                + "; a cluster administrator grants this with a Role and RoleBinding", instance)).build();
    }

    Response undeclaredRoute(String instance) {
        return respond(problem("forbidden", "Forbidden", 403, "this route declares no access rule, so nobody may "
                + "call it", instance)).build();
    }

    Response unavailable(String instance) {
        return respond(problem("auth-unavailable", "Service Unavailable", 503, "the Kubernetes API could not "
                + "review the request's credentials; retry later", instance))
                .header("Retry-After", RETRY_AFTER_SECONDS).build();
    }

    /** A path with a matrix parameter: JAX-RS would silently drop {@code ;b} from {@code a;b} and act on {@code a}. */
    Response matrixParameter(String instance) {
        return respond(new Problem("urn:stateful-suite:problem:bad-path", "Bad Request", 400, "';' is not allowed in "
                + "this API's paths (it would start a matrix parameter, which the API does not take)", instance,
                List.of(new FieldError("path", "no-matrix-parameters", "a path without ';'")))).build();
    }

    private static Problem problem(String slug, String title, int status, String detail, String instance) {
        return new Problem("urn:stateful-suite:problem:" + slug, title, status, detail, instance, null);
    }

    private Response.ResponseBuilder respond(Problem problem) {
        try {
            return Response.status(problem.status()).type(MEDIA_TYPE).entity(json.writeValueAsString(problem));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

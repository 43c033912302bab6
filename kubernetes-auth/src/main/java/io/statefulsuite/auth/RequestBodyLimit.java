package io.statefulsuite.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Refuses a body announced larger than {@code quarkus.http.limits.max-body-size} with a 413 problem, on every
 * route of the service that includes this module. Quarkus refuses
 * it too, one route later, but with an empty body; this route runs first so the caller learns the limit. A chunked
 * body that grows past the limit is still cut off by Quarkus itself (413, no body).
 */
@ApplicationScoped
public class RequestBodyLimit {

    /** Just before Quarkus' own limit route ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT}, -2). */
    private static final int ORDER = -3;
    /** Message of the IOException Quarkus throws at the reader of a (chunked) body that outgrew the limit. */
    public static final String QUARKUS_TOO_LARGE = "Request too large";

    private final ObjectMapper json;
    private final long limit;

    public RequestBodyLimit(ObjectMapper json,
                            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                            MemorySize limit) {
        this.json = json;
        this.limit = limit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !length.chars().allMatch(Character::isDigit) || length.length() > 18
                || Long.parseLong(length) <= limit) {
            context.next();
            return;
        }
        AuthProblems.Problem problem = new AuthProblems.Problem("urn:stateful-suite:problem:content-too-large",
                "Content Too Large", 413, "the request body has " + length + " bytes; at most " + limit + " are accepted",
                context.request().path(), List.of(new AuthProblems.FieldError("body", "max-size",
                "at most " + limit + " bytes")));
        try {
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, AuthProblems.MEDIA_TYPE)
                    // the unread body would otherwise be taken for the next request on this connection
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException impossible) {
            context.fail(impossible);
        }
    }
}

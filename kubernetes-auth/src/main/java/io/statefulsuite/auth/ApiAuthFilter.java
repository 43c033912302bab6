package io.statefulsuite.auth;

import io.quarkus.runtime.StartupEvent;
import io.statefulsuite.auth.AuthMetrics.Result;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * The gate in front of every /api/** route: a bearer token the TokenReview API accepts (else 401), then the
 * route's {@link AccessRule} (from the service's {@link AccessTable}) for that caller per SubjectAccessReview (else 403); 503 when either review cannot be
 * made. It runs after routing, before the body is read, so a refused request touches nothing. Health, metrics and
 * OpenAPI routes (/q/*) are not JAX-RS routes and never reach it. Application-scoped, so that Quarkus REST, which
 * sets up its filters at static init, gets a proxy and the runtime configuration is read on the first request.
 */
@ApplicationScoped
public class ApiAuthFilter {

    private static final Logger LOG = Logger.getLogger(ApiAuthFilter.class);
    private static final String API = "/api/";

    private final AuthConfig config;
    private final AccessTable table;
    private final TokenReviewer tokens;
    private final AccessReviewer access;
    private final AuthProblems problems;
    private final AuthMetrics metrics;

    public ApiAuthFilter(AuthConfig config, AccessTable table, TokenReviewer tokens, AccessReviewer access,
                         AuthProblems problems, AuthMetrics metrics) {
        this.config = config;
        this.table = table;
        this.tokens = tokens;
        this.access = access;
        this.problems = problems;
        this.metrics = metrics;
    }

    void warnWhenDisabled(@Observes StartupEvent start) {
        if (!config.enabled()) {
            LOG.warn("!!! stateful-suite.auth.enabled=false: /api/** accepts EVERY request without a token or RBAC "
                    + "check. Only for tests and the local stack; never run a cluster like this. !!!");
        }
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Response authorize(ContainerRequestContext request, ResourceInfo route) {
        if (!config.enabled() || !underApi(request.getUriInfo())) {
            return null;
        }
        String instance = request.getUriInfo().getRequestUri().getRawPath();
        try {
            return decide(request, route.getResourceMethod(), instance);
        } catch (ReviewUnavailableException e) {
            LOG.warnf("Cannot authorize %s %s: %s", request.getMethod(), instance, e.getMessage());
            metrics.record(Result.ERROR);
            return problems.unavailable(instance);
        }
    }

    private Response decide(ContainerRequestContext request, Method method, String instance) {
        Optional<String> token = BearerToken.from(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            metrics.record(Result.UNAUTHENTICATED);
            return problems.missingToken(instance);
        }
        Optional<ReviewedUser> user = tokens.review(token.get());
        if (user.isEmpty()) {
            metrics.record(Result.UNAUTHENTICATED);
            return problems.invalidToken(instance);
        }
        Optional<AccessRule> rule = method == null ? Optional.empty() : table.ruleFor(method);
        if (rule.isEmpty()) {
            LOG.errorf("%s %s reached %s, whose route has no rule in the AccessTable: refused", request.getMethod(),
                    instance, method);
            metrics.record(Result.FORBIDDEN);
            return problems.undeclaredRoute(instance);
        }
        AccessRequest wanted = AccessRequest.of(rule.get(), request.getUriInfo().getPathParameters()::getFirst);
        if (!access.allowed(user.get(), wanted)) {
            LOG.debugf("Refused %s: %s may not %s", instance, user.get().username(), wanted);
            metrics.record(Result.FORBIDDEN);
            return problems.forbidden(instance, user.get(), wanted);
        }
        LOG.debugf("Allowed %s: %s may %s", instance, user.get().username(), wanted);
        metrics.record(Result.ALLOWED);
        return null;
    }

    /**
     * Whether the route, as the router matched it (decoded), lies under /api. A path the decoder rejects (a
     * matrix parameter next to {@code %25} gets decoded twice) is checked like an API path: fail closed.
     */
    private static boolean underApi(UriInfo uri) {
        try {
            return (uri.getPath() + "/").startsWith(API);
        } catch (IllegalArgumentException undecodable) {
            return true;
        }
    }
}

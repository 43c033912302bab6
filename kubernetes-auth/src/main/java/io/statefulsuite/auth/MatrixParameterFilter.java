package io.statefulsuite.auth;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses /api paths with a ';' before routing, token or not. JAX-RS reads {@code namespaces/a;b} as namespace
 * {@code a} with a matrix parameter {@code b}: a caller naming "a;b" would act on "a" without noticing, and the
 * server would decode such a path twice. The Kubernetes API knows no matrix parameters either.
 */
@ApplicationScoped
public class MatrixParameterFilter {

    private final AuthProblems problems;

    public MatrixParameterFilter(AuthProblems problems) {
        this.problems = problems;
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseMatrixParameters(HttpServerRequest request) {
        // The path as sent: RESTEasy's own request URI has the matrix parameters removed already.
        String path = request.path();
        // "/api;x/v1/..." would route like "/api/v1/...", so the check starts before the first slash.
        return path.startsWith("/api") && path.contains(";") ? problems.matrixParameter(path) : null;
    }
}

package io.statefulsuite.auth;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A JAX-RS resource method as a route: {@code PUT /api/v1/namespaces/{namespace}/valkey-clusters/{name}}. */
final class Routes {

    private Routes() {
    }

    /** The route a resource method serves, or empty if it serves none (a helper method). */
    static Optional<String> of(Method method) {
        return httpMethod(method).map(verb -> verb + " " + template(method));
    }

    /** Every route the given resource classes serve. */
    static List<String> declaredBy(Class<?>... resources) {
        return Arrays.stream(resources)
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .flatMap(method -> of(method).stream())
                .sorted()
                .toList();
    }

    private static Optional<String> httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return Optional.of(http.value());
            }
        }
        return Optional.empty();
    }

    private static String template(Method method) {
        Path type = method.getDeclaringClass().getAnnotation(Path.class);
        Path own = method.getAnnotation(Path.class);
        String joined = "/" + (type == null ? "" : type.value()) + "/" + (own == null ? "" : own.value());
        String collapsed = joined.replaceAll("/+", "/");
        return collapsed.length() > 1 && collapsed.endsWith("/")
                ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
    }
}

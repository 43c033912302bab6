package io.statefulsuite.auth;

import jakarta.ws.rs.HttpMethod;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/** Checks that REST resources declare an {@link Access} rule on every route: a service's tests call it. */
public final class AccessRules {

    private AccessRules() {
    }

    /** The resource methods (any HTTP method) of these classes that have no {@link Access} rule. */
    public static List<String> undeclared(Class<?>... resources) {
        return Arrays.stream(resources)
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .filter(AccessRules::isRoute)
                .filter(method -> !method.isAnnotationPresent(Access.class))
                .map(method -> method.getDeclaringClass().getSimpleName() + "." + method.getName())
                .sorted()
                .toList();
    }

    private static boolean isRoute(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }
}

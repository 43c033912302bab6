package io.statefulsuite.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Kubernetes RBAC right a caller needs for one REST route, checked with a SubjectAccessReview: the caller may
 * {@code verb} the {@code resource} (of API {@code group}). The namespace is the route's {@code {namespace}} (or
 * {@code {ns}}) path parameter; a route without one needs the right cluster-wide. Every /api/** resource method
 * carries one; a method without it is refused (403) and logged.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Access {

    /** A Kubernetes verb: get, list, create, update, delete, ... */
    String verb();

    /** API group of the resource; "" is the core group. */
    String group() default "";

    /** Plural resource name, as in a Role's {@code resources}. */
    String resource();

    /** Subresource, as in {@code valkeyclusters/health}. */
    String subresource() default "";

    /**
     * Path parameter naming the object, so a Role may restrict by {@code resourceNames}; a custom-method suffix
     * ({@code cache:render}) is cut off. Ignored when the route has no such parameter.
     */
    String nameParameter() default "name";
}

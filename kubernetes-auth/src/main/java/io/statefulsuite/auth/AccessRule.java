package io.statefulsuite.auth;

import java.util.Objects;

/**
 * The Kubernetes RBAC right a caller needs for one REST route, checked with a SubjectAccessReview: the caller may
 * {@code verb} the {@code resource} (of API {@code group}, "" for the core group), optionally a
 * {@code subresource} of it. The namespace is the route's {@code {namespace}} (or {@code {ns}}) path parameter; a
 * route without one needs the right cluster-wide. The object's name is the {@code nameParameter} path parameter,
 * so a Role may restrict by {@code resourceNames}.
 */
public record AccessRule(String verb, String group, String resource, String subresource, String nameParameter) {

    public AccessRule {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(subresource, "subresource");
        Objects.requireNonNull(nameParameter, "nameParameter");
    }

    /** {@code verb} on {@code group}'s {@code resource}, named by the {@code {name}} path parameter. */
    public static AccessRule of(String verb, String group, String resource) {
        return new AccessRule(verb, group, resource, "", "name");
    }

    public AccessRule subresource(String name) {
        return new AccessRule(verb, group, resource, name, nameParameter);
    }

    /** The path parameter naming the object, for routes whose last segment also carries a custom method. */
    public AccessRule nameFrom(String pathParameter) {
        return new AccessRule(verb, group, resource, subresource, pathParameter);
    }
}

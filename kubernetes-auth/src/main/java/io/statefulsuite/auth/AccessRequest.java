package io.statefulsuite.auth;

import java.util.function.UnaryOperator;

/** One route's {@link AccessRule} applied to a concrete request: what a SubjectAccessReview asks about. */
public record AccessRequest(String verb, String group, String resource, String subresource, String namespace,
                            String name) {

    static final String[] NAMESPACE_PARAMETERS = {"namespace", "ns"};

    /** @param pathParameter the request's value of a path parameter, null when the route has none by that name */
    public static AccessRequest of(AccessRule rule, UnaryOperator<String> pathParameter) {
        String namespace = "";
        for (String parameter : NAMESPACE_PARAMETERS) {
            String value = pathParameter.apply(parameter);
            if (value != null && namespace.isEmpty()) {
                namespace = value;
            }
        }
        String name = pathParameter.apply(rule.nameParameter());
        return new AccessRequest(rule.verb(), rule.group(), rule.resource(), rule.subresource(), namespace,
                name == null ? "" : withoutCustomMethod(name));
    }

    /** Google-style custom methods put the method after the name: {@code cache:render} names {@code cache}. */
    private static String withoutCustomMethod(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    /** Like kubectl's wording: {@code update valkeyclusters.stateful.suite.io "cache" in namespace shop}. */
    @Override
    public String toString() {
        String what = resource + (subresource.isEmpty() ? "" : "/" + subresource) + (group.isEmpty() ? "" : "." + group);
        return verb + " " + what + (name.isEmpty() ? "" : " \"" + name + "\"")
                + (namespace.isEmpty() ? " cluster-wide" : " in namespace " + namespace);
    }
}

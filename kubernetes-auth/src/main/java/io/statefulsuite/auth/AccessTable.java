package io.statefulsuite.auth;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A service's whole API access policy in one place: for each route ({@code VERB /path/{template}}, as its resource
 * class declares it) the RBAC right a caller needs. Each service produces one as a CDI bean from its api package;
 * a route missing from it is refused for everybody (and the service's tests list such routes).
 */
public final class AccessTable {

    private static final Pattern ROUTE = Pattern.compile("[A-Z]+ /\\S*");

    private final Map<String, AccessRule> rules;
    private final Map<Method, Optional<AccessRule>> byMethod = new ConcurrentHashMap<>();

    private AccessTable(Map<String, AccessRule> rules) {
        this.rules = Map.copyOf(rules);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The rule of the route a resource method serves. */
    public Optional<AccessRule> ruleFor(Method resourceMethod) {
        return byMethod.computeIfAbsent(resourceMethod, method -> Routes.of(method).map(rules::get));
    }

    /** Routes of these resource classes that have no rule: each would be refused. */
    public List<String> routesWithoutRule(Class<?>... resources) {
        return Routes.declaredBy(resources).stream().filter(route -> !rules.containsKey(route)).toList();
    }

    /** Rules whose route none of these resource classes serves: a typo, or a route that was renamed. */
    public List<String> rulesWithoutRoute(Class<?>... resources) {
        Set<String> routes = Set.copyOf(Routes.declaredBy(resources));
        List<String> stale = new ArrayList<>(rules.keySet());
        stale.removeIf(routes::contains);
        stale.sort(null);
        return stale;
    }

    /** Collects the rules; a route may have one rule only. */
    public static final class Builder {

        private final Map<String, AccessRule> rules = new LinkedHashMap<>();

        private Builder() {
        }

        /** @param route {@code VERB /path}, the path as the resource's {@code @Path} annotations spell it */
        public Builder route(String route, AccessRule rule) {
            if (!ROUTE.matcher(route).matches()) {
                throw new IllegalArgumentException("a route is 'VERB /path', not '" + route + "'");
            }
            if (rules.putIfAbsent(route, rule) != null) {
                throw new IllegalArgumentException("two rules for " + route);
            }
            return this;
        }

        public AccessTable build() {
            return new AccessTable(rules);
        }
    }
}

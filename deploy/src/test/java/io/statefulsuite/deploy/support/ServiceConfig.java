package io.statefulsuite.deploy.support;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's configuration is, read from its sources: application.properties (HTTP port, health and metrics
 * paths with Quarkus' defaults) and the property names its {@code @ConfigMapping} interfaces define.
 */
public final class ServiceConfig {

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern METHOD = Pattern.compile("^\\s+(?:[\\w.<>?, \\[\\]]+)\\s+(\\w+)\\(\\);", Pattern.MULTILINE);
    private static final Pattern NAMED = Pattern.compile("@WithName\\(\"([^\"]+)\"\\)");

    private final String service;
    private final Properties properties;
    private final List<String> sources;

    private ServiceConfig(String service) {
        this.service = service;
        this.properties = Repo.applicationProperties(service);
        this.sources = Repo.javaSources(service).stream().map(Repo::read).toList();
    }

    public static ServiceConfig of(String service) {
        return new ServiceConfig(service);
    }

    public String service() {
        return service;
    }

    public String property(String key, String defaultValue) {
        return properties.getProperty(key, defaultValue);
    }

    /** Quarkus' non-application endpoints live under /q unless moved. */
    private String nonApplicationRoot() {
        return "/" + strip(property("quarkus.http.non-application-root-path", "q"));
    }

    public String healthPath(String kind) {
        String root = nonApplicationRoot() + "/" + strip(property("quarkus.smallrye-health.root-path", "health"));
        String leaf = switch (kind) {
            case "live" -> property("quarkus.smallrye-health.liveness-path", "live");
            case "ready" -> property("quarkus.smallrye-health.readiness-path", "ready");
            case "started" -> property("quarkus.smallrye-health.startup-path", "started");
            default -> throw new IllegalArgumentException(kind);
        };
        return root + "/" + strip(leaf);
    }

    public String metricsPath() {
        return nonApplicationRoot() + "/" + strip(property("quarkus.micrometer.export.prometheus.path", "metrics"));
    }

    /** Environment variable names that set a property this service knows (MicroProfile Config's mapping rule). */
    public Set<String> knownEnvironmentVariables() {
        Set<String> known = new HashSet<>();
        properties.stringPropertyNames().forEach(key -> known.add(environmentName(key)));
        return known;
    }

    /**
     * Whether an environment variable sets a property under a @ConfigMapping prefix, made of that mapping's
     * method names (kebab-cased as SmallRye does) — a check of spelling, not of nesting.
     */
    public boolean knowsMappedVariable(String variable) {
        for (String source : sources) {
            Matcher mapping = MAPPING.matcher(source);
            if (!mapping.find()) {
                continue;
            }
            String prefix = environmentName(mapping.group(1)) + "_";
            if (variable.startsWith(prefix) && composedOf(variable.substring(prefix.length()), segments(source))) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> segments(String source) {
        Set<String> names = new HashSet<>();
        Matcher method = METHOD.matcher(source);
        while (method.find()) {
            names.add(environmentName(kebab(method.group(1))));
        }
        Matcher named = NAMED.matcher(source);
        while (named.find()) {
            names.add(environmentName(named.group(1)));
        }
        return names;
    }

    private static boolean composedOf(String rest, Set<String> segments) {
        if (rest.isEmpty()) {
            return true;
        }
        for (String segment : segments) {
            if (rest.equals(segment) || rest.startsWith(segment + "_")
                    && composedOf(rest.substring(Math.min(rest.length(), segment.length() + 1)), segments)) {
                return true;
            }
        }
        return false;
    }

    public static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String strip(String path) {
        return path.replaceAll("^/+|/+$", "");
    }
}

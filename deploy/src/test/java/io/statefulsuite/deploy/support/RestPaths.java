package io.statefulsuite.deploy.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP paths a service serves, read from its JAX-RS annotations: the class's {@code @Path} joined with each
 * method's, with string constants of the same file resolved and path parameters written as {@code {}}.
 */
public final class RestPaths {

    private static final Pattern PATH = Pattern.compile("@Path\\(([^)]*)\\)");
    private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern CLASS = Pattern.compile("\\b(class|interface|record)\\s+\\w+");

    private RestPaths() {
    }

    public static Set<String> of(String service) {
        Set<String> paths = new TreeSet<>();
        for (Path file : Repo.javaSources(service)) {
            String source = Repo.read(file);
            if (!source.contains("@Path(")) {
                continue;
            }
            Map<String, String> constants = new HashMap<>();
            Matcher constant = CONSTANT.matcher(source);
            while (constant.find()) {
                constants.put(constant.group(1), constant.group(2));
            }
            Matcher classStart = CLASS.matcher(source);
            int bodyStart = classStart.find() ? classStart.start() : 0;
            String root = "";
            Matcher path = PATH.matcher(source);
            while (path.find()) {
                String value = resolve(path.group(1), constants);
                if (path.start() < bodyStart) {
                    root = value;
                } else {
                    paths.add(normalise(root + "/" + value));
                }
            }
            if (!root.isEmpty()) {
                paths.add(normalise(root));
            }
        }
        return paths;
    }

    /** "/a/{ns}/b/{name: [^/]+}" → "/a/{}/b/{}", without doubled or trailing slashes. */
    public static String normalise(String path) {
        return path.replaceAll("\\{[^}]*}", "{}").replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }

    private static String resolve(String expression, Map<String, String> constants) {
        StringBuilder value = new StringBuilder();
        for (String part : expression.split("\\+")) {
            String trimmed = part.trim();
            if (trimmed.startsWith("\"")) {
                value.append(trimmed, 1, trimmed.length() - 1);
            } else if (trimmed.startsWith("value")) {
                value.append(resolve(trimmed.substring(trimmed.indexOf('=') + 1), constants));
            } else {
                String constant = constants.get(trimmed.substring(trimmed.lastIndexOf('.') + 1));
                if (constant == null) {
                    throw new IllegalStateException("Cannot resolve @Path part " + trimmed);
                }
                value.append(constant);
            }
        }
        return value.toString();
    }
}

package io.statefulsuite.secretssync.api;

import java.util.List;

/** Paths such as {@code …/{name}:sync}: the last segment carries the resource name and the action. */
final class CustomMethods {

    private CustomMethods() {
    }

    /** The name in {@code name:action}; 404 when the segment names another action or none. */
    static String name(String segment, String action) {
        String suffix = ":" + action;
        if (!segment.endsWith(suffix) || segment.length() == suffix.length()) {
            throw new ProblemException(404, "Not Found", "unknown action on " + segment + "; expected <name>" + suffix,
                    List.of());
        }
        return segment.substring(0, segment.length() - suffix.length());
    }
}

package io.statefulsuite.secretssync.api;

import io.statefulsuite.kit.problem.ProblemException;

/** Paths such as {@code …/{name}:sync}: the last segment carries the resource name and the action. */
final class CustomMethods {

    private CustomMethods() {
    }

    /** The name in {@code name:action}; 404 when the segment names another action or none. */
    static String name(String segment, String action) {
        String suffix = ":" + action;
        if (!segment.endsWith(suffix) || segment.length() == suffix.length()) {
            throw ProblemException.notFound("unknown action on " + segment + "; expected <name>" + suffix);
        }
        return segment.substring(0, segment.length() - suffix.length());
    }
}

package io.statefulsuite.kit.problem;

/**
 * One reason a request was refused.
 *
 * @param field JSON path of the offending field in the request body or URL, e.g. {@code storage.size},
 *              {@code zones[1]}, or {@code body} for the body as a whole
 * @param rule  the rule it broke, stable for machines (e.g. {@code min}, {@code unknown-field}, {@code type})
 * @param message what the rule asks for, for people; never the value that was sent (it may be a secret)
 */
public record FieldError(String field, String rule, String message) {
}

package io.statefulsuite.provisioner.api;

/**
 * One reason a request was refused.
 *
 * @param field JSON path of the offending field in the request body or URL, e.g. {@code storage.size}, {@code zones[1]}
 * @param rule  the rule it broke, stable for machines (e.g. {@code min}, {@code unknown-field}, {@code type})
 */
public record FieldError(String field, String rule, String message) {
}

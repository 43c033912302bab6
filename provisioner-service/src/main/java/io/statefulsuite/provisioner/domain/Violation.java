package io.statefulsuite.provisioner.domain;

/**
 * One broken rule of a spec or a rendered object.
 *
 * @param field   JSON path of the offending value, e.g. {@code spec.storage.size} or {@code spec.zones[1]}
 * @param rule    a stable, machine-readable rule id, e.g. {@code min}, {@code quantity}, {@code immutable-decrease}
 * @param message what is wrong and what is allowed, for people
 */
public record Violation(String field, String rule, String message) {
}

package io.statefulsuite.secretssync.domain;

/** One reason a spec is refused: the JSON path of the field, the rule it breaks, and a message for humans. */
public record Violation(String field, String rule, String message) {
}

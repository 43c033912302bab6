package io.statefulsuite.secretssync.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.statefulsuite.secretssync.domain.Violation;

import java.util.List;

/** An RFC 9457 problem; {@code errors} name the offending fields. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field and the rule it breaks. */
    public record FieldError(String field, String rule, String message) {
        static FieldError of(Violation violation) {
            return new FieldError(violation.field(), violation.rule(), violation.message());
        }
    }

    public static Problem of(int status, String title, String detail, String instance, List<FieldError> errors) {
        return new Problem("https://stateful.suite.io/problems/" + title.toLowerCase().replaceAll("[^a-z0-9]+", "-"),
                title, status, detail, instance, errors);
    }
}

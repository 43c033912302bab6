package io.statefulsuite.kit.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * RFC 9457 problem details, the body of every error response of the suite ({@code application/problem+json}). The
 * {@code type} is {@code urn:stateful-suite:problem:<name>} for every service; the names are listed in the
 * service-kit README.
 *
 * @param errors each offending field of the request and the rule it broke; left out when there is none
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem types are URNs: stable identifiers that do not pretend to be documentation links. */
    public static final String TYPE_PREFIX = "urn:stateful-suite:problem:";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static String type(String name) {
        return TYPE_PREFIX + name;
    }

    public static Problem of(String name, String title, int status, String detail, String instance,
                             List<FieldError> errors) {
        return new Problem(type(name), title, status, detail, instance, errors);
    }
}

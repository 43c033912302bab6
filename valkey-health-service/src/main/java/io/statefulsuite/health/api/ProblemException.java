package io.statefulsuite.health.api;

import java.util.List;

/** Ends a request with a problem response; thrown by validation and lookups. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final transient List<Problem.FieldError> errors;

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}

package io.statefulsuite.secretssync.api;

import io.statefulsuite.secretssync.domain.Violation;

import java.util.List;

/** Thrown by resources to answer with a problem. */
public final class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    public static ProblemException invalid(List<Violation> violations) {
        return new ProblemException(422, "Invalid SecretSync", violations.size() + " field(s) are invalid",
                violations.stream().map(Problem.FieldError::of).toList());
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail, List.of());
    }

    public Problem toProblem(String instance) {
        return Problem.of(status, title, getMessage(), instance, errors);
    }

    public int status() {
        return status;
    }
}

package io.statefulsuite.provisioner.api;

import io.statefulsuite.provisioner.domain.Violation;

import java.util.List;

/** A refusal the API decided on itself; {@link ProblemMappers} turns it into a problem response. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final transient List<FieldError> errors;

    public ProblemException(int status, String slug, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " does not exist", List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail, List.of());
    }

    /** Throws a 422 listing every violation, unless there is none. */
    public static void rejectViolations(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw invalid(violations.stream().map(v -> new FieldError(v.field(), v.rule(), v.message())).toList());
        }
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(422, "validation", "Invalid request",
                errors.size() + " field(s) break the rules; see errors", errors);
    }

    public static ProblemException badRequest(FieldError error) {
        return new ProblemException(400, "bad-request", "Bad request", error.message(), List.of(error));
    }

    Problem toProblem(String instance) {
        return new Problem(Problem.type(slug), title, status, getMessage(), instance, errors);
    }

    int status() {
        return status;
    }
}

package io.statefulsuite.kit.problem;

import java.util.List;

/** A refusal the service decided on itself; {@link CommonProblemMappers} turns it into a problem response. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String name;
    private final String title;
    private final transient List<FieldError> errors;

    /** @param name the problem type's name, {@code urn:stateful-suite:problem:<name>} (see the README's table) */
    public ProblemException(int status, String name, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.name = name;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException badRequest(String detail, List<FieldError> errors) {
        return new ProblemException(400, "bad-request", "Bad request", detail, errors);
    }

    public static ProblemException badRequest(FieldError error) {
        return badRequest(error.message(), List.of(error));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail, List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail, List.of());
    }

    /** A 422 listing every broken rule. */
    public static ProblemException invalid(List<FieldError> errors) {
        return invalid(errors.size() + " field(s) break the rules; see errors", errors);
    }

    public static ProblemException invalid(String detail, List<FieldError> errors) {
        return new ProblemException(422, "validation", "Invalid request", detail, errors);
    }

    public Problem toProblem(String instance) {
        return Problem.of(name, title, status, getMessage(), instance, errors);
    }

    public int status() {
        return status;
    }

    public String name() {
        return name;
    }

    public List<FieldError> errors() {
        return errors;
    }
}

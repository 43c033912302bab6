package io.statefulsuite.provisioner.api;

import io.statefulsuite.kit.problem.FieldError;
import io.statefulsuite.kit.problem.ProblemException;
import io.statefulsuite.provisioner.domain.Violation;

import java.util.List;

/** The domain's broken rules as the API's 422. */
final class Violations {

    private Violations() {
    }

    /** Throws a 422 listing every violation, unless there is none. */
    static void reject(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations.stream()
                    .map(v -> new FieldError(v.field(), v.rule(), v.message())).toList());
        }
    }
}

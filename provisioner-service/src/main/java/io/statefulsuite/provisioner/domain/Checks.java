package io.statefulsuite.provisioner.domain;

import java.util.ArrayList;
import java.util.List;

/** Collects violations in the order the checks run. */
public final class Checks {

    private final List<Violation> violations = new ArrayList<>();

    /** Adds the violation unless {@code ok}; returns {@code ok}, so checks that depend on others can follow. */
    public boolean require(boolean ok, String field, String rule, String message) {
        if (!ok) {
            add(field, rule, message);
        }
        return ok;
    }

    public void add(String field, String rule, String message) {
        violations.add(new Violation(field, rule, message));
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }
}

package io.statefulsuite.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code stateful_suite_auth_decisions_total{result}}: how /api/** requests fared at the gate. Labelled by outcome
 * only, never by caller or token, so the series stay few and reveal nobody.
 */
@ApplicationScoped
public class AuthMetrics {

    /** What the gate decided about one request. */
    public enum Result { ALLOWED, UNAUTHENTICATED, FORBIDDEN, ERROR }

    private final Map<Result, Counter> decisions = new EnumMap<>(Result.class);

    public AuthMetrics(MeterRegistry registry) {
        for (Result result : Result.values()) {
            decisions.put(result, Counter.builder("stateful.suite.auth.decisions")
                    .description("Requests to /api/** by the outcome of authentication and authorization")
                    .tag("result", result.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    void record(Result result) {
        decisions.get(result).increment();
    }
}

package io.statefulsuite.health.api;

import io.statefulsuite.kit.problem.FieldError;
import io.statefulsuite.kit.problem.ProblemException;
import io.statefulsuite.keyvault.emulator.EmulatorTls;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** Validation of explicit checks: the {@code tls} option (a CA to trust, or plain TCP without it), invalid lists. */
class HealthCheckRequestsTest {

    private static final List<HealthCheckRequest.Endpoint> ENDPOINT =
            List.of(new HealthCheckRequest.Endpoint("10.0.0.1", 6379, null, null, null));

    @Test
    void aCaCertificateMakesTheCheckTalkTlsTrustingOnlyIt() {
        String ca = EmulatorTls.generate(List.of()).caCertificatePem();

        HealthCheckRequests.Validated valid = validate(new HealthCheckRequest.Tls(ca));

        assertThat(valid.access().trust()).hasValueSatisfying(trust -> {
            assertThat(trust.pem()).isEqualTo(ca);
            assertThat(trust.origin()).isEqualTo("the request's tls.caCertificate");
        });
        assertThat(validate(null).access().trust()).isEmpty();
    }

    @Test
    void aMissingOrUnparsableCaCertificateIsA400NamingTheField() {
        assertThat(errors(new HealthCheckRequest.Tls(" "))).extracting(FieldError::field, FieldError::rule)
                .containsExactly(tuple("tls.caCertificate", "required"));
        assertThat(errors(new HealthCheckRequest.Tls("-----BEGIN CERTIFICATE-----\nx\n")))
                .extracting(FieldError::field, FieldError::rule)
                .containsExactly(tuple("tls.caCertificate", "pem-certificate"));
    }

    /** Found by HealthApiFuzzTest (seed 30341391721915): a null entry used to be a NullPointerException, a 500. */
    @Test
    void nullEntriesInExpectedListsAreA400NamingTheField() {
        HealthCheckRequest.Expected expected = new HealthCheckRequest.Expected(1, 1, Arrays.asList("1", null), null,
                null, null, Arrays.asList("900 1", null));

        assertThat(errors(() -> HealthCheckRequests.validate(new HealthCheckRequest(ENDPOINT, "pw", null, expected,
                null, null, null), 10, Duration.ofSeconds(1))))
                .extracting(FieldError::field).containsExactly("expected.rdbSave", "expected.zones");
    }

    private static List<FieldError> errors(HealthCheckRequest.Tls tls) {
        return errors(() -> validate(tls));
    }

    private static List<FieldError> errors(ThrowableAssert.ThrowingCallable validation) {
        ProblemException problem = catchThrowableOfType(ProblemException.class, validation);
        assertThat(problem.status()).isEqualTo(400);
        return problem.errors();
    }

    private static HealthCheckRequests.Validated validate(HealthCheckRequest.Tls tls) {
        return HealthCheckRequests.validate(new HealthCheckRequest(ENDPOINT, "pw", tls, null, null, null, null), 10,
                Duration.ofSeconds(1));
    }
}

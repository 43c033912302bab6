package io.statefulsuite.kit.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.statefulsuite.auth.RequestBodyLimit;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every refusal is a problem of the one type scheme naming the field and rule, and echoes nothing it was sent. */
class CommonProblemMappersTest {

    private static final String SECRET = "s3cr3t-value";

    record Body(int shards, Map<String, String> labels) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final CommonProblemMappers mappers = new CommonProblemMappers((instance, field) -> field);

    @Test
    void aProblemExceptionKeepsItsStatusNameAndErrors() {
        Problem problem = problem(mappers.problem(ProblemException.invalid(
                List.of(new FieldError("spec.shards", "min", "at least 3"))), null), 422);

        assertThat(problem.type()).isEqualTo("urn:stateful-suite:problem:validation");
        assertThat(problem.errors()).containsExactly(new FieldError("spec.shards", "min", "at least 3"));
    }

    @Test
    void anUnknownFieldIsA400NamingIt() {
        UnrecognizedPropertyException e = catchThrowableOfType(UnrecognizedPropertyException.class,
                () -> json.readValue("{\"shards\":3,\"passwrod\":\"" + SECRET + "\"}", Body.class));

        Problem problem = problem(mappers.unknownField(e, null), 400);

        assertThat(problem.type()).isEqualTo("urn:stateful-suite:problem:bad-request");
        assertThat(problem.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("passwrod");
            assertThat(error.rule()).isEqualTo("unknown-field");
        });
    }

    @Test
    void aWrongTypeNamesTheFieldButNotTheValue() {
        MismatchedInputException e = catchThrowableOfType(MismatchedInputException.class,
                () -> json.readValue("{\"shards\":\"" + SECRET + "\"}", Body.class));

        Problem problem = problem(mappers.mismatched(e, null), 400);

        assertThat(problem.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("shards");
            assertThat(error.rule()).isEqualTo("type");
            assertThat(error.message()).isEqualTo("must be an integer");
        });
        assertThat(problem.toString()).doesNotContain(SECRET);
    }

    @Test
    void theServiceNamesBodyFields() {
        CommonProblemMappers spec = new CommonProblemMappers((instance, field) -> "spec." + field);
        MismatchedInputException e = catchThrowableOfType(MismatchedInputException.class,
                () -> json.readValue("{\"labels\":[1]}", Body.class));

        assertThat(problem(spec.mismatched(e, null), 400).errors().get(0).field()).isEqualTo("spec.labels");
    }

    @Test
    void malformedJsonIsA400OnTheBodyWithoutTheText() {
        IOException e = catchThrowableOfType(IOException.class,
                () -> json.readValue("{\"shards\": " + SECRET + "}", Body.class));

        Problem problem = problem(mappers.malformed((com.fasterxml.jackson.core.JsonProcessingException) e, null), 400);

        assertThat(problem.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("body");
            assertThat(error.rule()).isEqualTo("json");
        });
        assertThat(problem.toString()).doesNotContain(SECRET);
    }

    @Test
    void jaxRsRefusalsAreNamedAfterTheirStatus() {
        assertThat(problem(mappers.web(new NotAllowedException("GET"), null), 405).type())
                .isEqualTo("urn:stateful-suite:problem:method-not-allowed");
        assertThat(problem(mappers.web(new NotSupportedException(), null), 415).type())
                .isEqualTo("urn:stateful-suite:problem:unsupported-media-type");
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        Problem problem = problem(mappers.unreadableBody(new IOException(RequestBodyLimit.QUARKUS_TOO_LARGE), null), 413);

        assertThat(problem.type()).isEqualTo("urn:stateful-suite:problem:content-too-large");
        assertThat(problem.errors().get(0).rule()).isEqualTo("max-size");
    }

    @Test
    void anythingUnexpectedIsA500WithoutItsMessageOrStackTrace() {
        Problem problem = problem(mappers.unexpected(new IllegalStateException(SECRET), null), 500);

        assertThat(problem.type()).isEqualTo("urn:stateful-suite:problem:internal");
        assertThat(problem.detail()).contains("incident").doesNotContain(SECRET).doesNotContain("Exception");
    }

    private static Problem problem(Response response, int status) {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.status()).isEqualTo(status);
        assertThat(problem.title()).isNotBlank();
        assertThat(problem.detail()).isNotBlank();
        return problem;
    }
}

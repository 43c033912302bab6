package io.statefulsuite.health.api;

import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.ws.rs.core.Response;
import io.statefulsuite.kit.problem.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** API-server failures inside discovery become problems with a status the caller can act on, and no details. */
class ProblemMappersTest {

    private static final String DETAIL = "secrets \"cache-auth\" is forbidden: User \"system:serviceaccount:ops:vh\"";

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void notFoundStaysNotFound() {
        Response response = mappers.kubernetes(new KubernetesClientException(DETAIL, 404, null), null);

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(problem(response).detail()).doesNotContain("cache-auth");
    }

    @Test
    void forbiddenIsTheServicesFaultWithoutTheApiServersWords() {
        Response response = mappers.kubernetes(new KubernetesClientException(DETAIL, 403, null), null);

        assertThat(response.getStatus()).isEqualTo(502);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(problem(response).detail()).contains("forbidden by RBAC").doesNotContain("cache-auth")
                .doesNotContain("serviceaccount");
    }

    @Test
    void otherFailuresAreRetryable() {
        for (int code : new int[] {0, 400, 429, 500, 503}) {
            Response response = mappers.kubernetes(new KubernetesClientException(DETAIL, code, null), null);

            assertThat(response.getStatus()).as("HTTP %d", code).isEqualTo(503);
            assertThat(response.getHeaderString("Retry-After")).isEqualTo(String.valueOf(ProblemMappers.RETRY_AFTER_SECONDS));
            assertThat(problem(response).detail()).doesNotContain("cache-auth");
        }
    }

    private static Problem problem(Response response) {
        return (Problem) response.getEntity();
    }
}

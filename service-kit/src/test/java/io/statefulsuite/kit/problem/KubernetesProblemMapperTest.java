package io.statefulsuite.kit.problem;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kubernetes API's refusals become problems with a status the caller can act on, and none of its words. */
class KubernetesProblemMapperTest {

    private static final String DETAIL = "secrets \"cache-auth\" is forbidden: User \"system:serviceaccount:ops:vh\"";

    private final KubernetesProblemMapper mappers = new KubernetesProblemMapper();

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
    void aConcurrentChangeIsAConflictToRetryAfterReading() {
        Response response = mappers.kubernetes(new KubernetesClientException(DETAIL, 409, null), null);

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(problem(response).type()).isEqualTo(Problem.TYPE_PREFIX + "conflict");
        assertThat(problem(response).detail()).contains("read it again").doesNotContain("cache-auth");
    }

    @Test
    void anInvalidObjectNamesTheFieldsTheApiServerRefused() {
        Status status = new StatusBuilder().withCode(422).withMessage("StatefulSet.apps \"cache\" is invalid")
                .withNewDetails().addNewCause().withField("spec.selector").withReason("FieldValueForbidden")
                .withMessage("field is immutable").endCause().endDetails().build();

        Response response = mappers.kubernetes(new KubernetesClientException(status), null);

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(problem(response).errors()).containsExactly(
                new FieldError("spec.selector", "FieldValueForbidden", "field is immutable"));
    }

    @Test
    void otherFailuresAreRetryable() {
        for (int code : new int[] {0, 400, 429, 500, 503}) {
            Response response = mappers.kubernetes(new KubernetesClientException(DETAIL, code, null), null);

            assertThat(response.getStatus()).as("HTTP %d", code).isEqualTo(503);
            assertThat(response.getHeaderString("Retry-After")).isEqualTo(String.valueOf(KubernetesProblemMapper.RETRY_AFTER_SECONDS));
            assertThat(problem(response).detail()).doesNotContain("cache-auth");
        }
    }

    private static Problem problem(Response response) {
        return (Problem) response.getEntity();
    }
}

package io.statefulsuite.auth.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.statefulsuite.auth.AccessTable;
import io.statefulsuite.auth.testing.KubernetesAuthFake.Grant;
import io.statefulsuite.testkit.api.RawHttp;
import jakarta.enterprise.inject.spi.CDI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * What every service's API gate must do, run by each service against its own routes (a {@code @QuarkusTest} with
 * {@link AuthEnabledProfile} that extends this): 401 without a valid token, 403 without the route's RBAC right,
 * 503 when the review APIs are down, and in none of those cases a write; reviews are cached; /q/* stays open.
 */
public abstract class ApiGateContract {

    protected static final String NAMESPACE = "gated";
    protected static final String OTHER_NAMESPACE = "elsewhere";
    protected static final String WRITER = "system:serviceaccount:ci:deployer";
    protected static final String READER = "system:serviceaccount:ci:reader";
    private static final String WRITER_TOKEN = "deployer.token";
    private static final String READER_TOKEN = "reader.token";

    /** One request to a route: {@code body} may be null. */
    public record Call(String method, String path, String body) {
    }

    protected KubernetesAuthFake reviews;

    /** The mock API server the service talks to. */
    protected abstract KubernetesMockServer kubernetes();

    /** A request to a route that changes {@code namespace}/{@code name}. */
    protected abstract Call write(String namespace, String name);

    /** The RBAC right {@link #write} needs, for {@code user} in {@code namespace}. */
    protected abstract Grant writeRight(String user, String namespace);

    /** The write got through the gate and the service answered it as it would without a gate. */
    protected abstract void assertServed(ValidatableResponse response, String namespace, String name);

    /** The write left no trace in the Kubernetes API. */
    protected abstract void assertNothingWritten(String namespace, String name);

    /** The service's REST resource classes: each of their routes must have exactly one rule in its AccessTable. */
    protected abstract Class<?>[] resources();

    @BeforeEach
    void fakeReviewApis() {
        reviews = KubernetesAuthFake.on(kubernetes())
                .token(WRITER_TOKEN, WRITER)
                .token(READER_TOKEN, READER)
                .grant(writeRight(WRITER, NAMESPACE));
        reviews.down(false);
    }

    @Test
    void everyRouteHasExactlyOneRuleAndEveryRuleARoute() {
        AccessTable table = CDI.current().select(AccessTable.class).get();
        assertThat(table.routesWithoutRule(resources())).as("routes without a rule").isEmpty();
        assertThat(table.rulesWithoutRoute(resources())).as("rules without a route").isEmpty();
    }

    @Test
    void withoutATokenTheAnswerIs401AndNothingIsWritten() {
        send(given(), write(NAMESPACE, "anonymous")).statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"stateful-suite\""))
                .contentType("application/problem+json")
                .body("type", equalTo("urn:stateful-suite:problem:unauthenticated"))
                .body("status", equalTo(401))
                .body("instance", containsString("anonymous"));
        send(given().header("Authorization", "Basic ZGVwbG95ZXI6cHc="), write(NAMESPACE, "anonymous"))
                .statusCode(401);
        assertNothingWritten(NAMESPACE, "anonymous");
    }

    @Test
    void theGateAnswersBeforeTheBodyIsRead() {
        Call write = write(NAMESPACE, "unread");
        send(given(), new Call(write.method(), write.path(), "{not json")).statusCode(401);
    }

    @Test
    void anUnknownTokenIs401WithTheInvalidTokenError() {
        send(as("no.such.token"), write(NAMESPACE, "impostor")).statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("type", equalTo("urn:stateful-suite:problem:unauthenticated"))
                .body("detail", not(containsString("no.such.token")));
        assertNothingWritten(NAMESPACE, "impostor");
    }

    @Test
    void aCallerWithoutTheRightIs403AndNothingIsWritten() {
        send(as(READER_TOKEN), write(NAMESPACE, "intruder")).statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:stateful-suite:problem:forbidden"))
                .body("detail", containsString(READER));
        send(as(WRITER_TOKEN), write(OTHER_NAMESPACE, "intruder")).statusCode(403)
                .body("detail", containsString("in namespace " + OTHER_NAMESPACE));
        assertNothingWritten(NAMESPACE, "intruder");
        assertNothingWritten(OTHER_NAMESPACE, "intruder");
    }

    @Test
    void aCallerWithTheRightIsServedAndTheReviewAskedAboutThisObject() {
        assertServed(send(as(WRITER_TOKEN), write(NAMESPACE, "allowed")), NAMESPACE, "allowed");

        assertThat(reviews.accessReviews()).anySatisfy(asked -> {
            assertThat(asked.getNamespace()).isEqualTo(NAMESPACE);
            assertThat(asked.getName()).isEqualTo("allowed");
        });
    }

    @Test
    void aReviewedTokenIsNotReviewedAgainWhileCached() {
        reviews.token("cached.token", WRITER);
        int before = reviews.tokenReviews();

        send(as("cached.token"), write(NAMESPACE, "cached")).statusCode(not(equalTo(401)));
        send(as("cached.token"), write(NAMESPACE, "cached")).statusCode(not(equalTo(401)));

        assertThat(reviews.tokenReviews()).isEqualTo(before + 1);
    }

    @Test
    void whileTheReviewApisAreDownTheAnswerIs503AndNothingIsWritten() {
        reviews.token("outage.token", WRITER);
        reviews.down(true);
        try {
            send(as("outage.token"), write(NAMESPACE, "outage")).statusCode(503)
                    .header("Retry-After", equalTo("5"))
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:stateful-suite:problem:auth-unavailable"));
            assertNothingWritten(NAMESPACE, "outage");
        } finally {
            reviews.down(false);
        }
        assertServed(send(as("outage.token"), write(NAMESPACE, "outage")), NAMESPACE, "outage");
    }

    @Test
    void pathsWithOddEscapesMeetTheGateToo() {
        for (String segment : RawHttp.ODD_SEGMENTS) {
            Call write = write(NAMESPACE, segment);
            RawHttp.Answer answer = RawHttp.send(RestAssured.port, write.method(), write.path());
            assertThat(answer.status()).as(write.path()).isEqualTo(segment.contains(";") ? 400 : 401);
            assertThat(answer.isProblem()).as(write.path()).isTrue();
        }
    }

    @Test
    void healthMetricsAndOpenApiNeedNoToken() {
        send(given(), write(NAMESPACE, "counted")).statusCode(401);

        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("stateful_suite_auth_decisions_total{result=\"unauthenticated\""))
                .body(not(containsString(WRITER_TOKEN)));
    }

    protected static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static ValidatableResponse send(RequestSpecification request, Call call) {
        if (call.body() != null) {
            request = request.contentType(ContentType.JSON).body(call.body());
        }
        return request.request(call.method(), call.path()).then();
    }
}

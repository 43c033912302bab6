package io.statefulsuite.auth;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTableTest {

    private static final String ITEM = "/namespaces/{namespace}/things/{name}";
    private static final AccessRule GET_THING = AccessRule.of("get", "example.io", "things");
    private static final AccessRule UPDATE_THING = AccessRule.of("update", "example.io", "things");

    @Path("/api/v1/")
    @SuppressWarnings("unused")
    static class ThingResource {
        @GET
        @Path(ITEM)
        void get() {
        }

        @PUT
        @Path(ITEM)
        void put() {
        }

        @DELETE
        @Path(ITEM)
        void delete() {
        }

        void helper() {
        }
    }

    @Path("/api/v1/checks")
    @SuppressWarnings("unused")
    static class CheckResource {
        @POST
        void check() {
        }
    }

    private final AccessTable table = AccessTable.builder()
            .route("GET /api/v1/namespaces/{namespace}/things/{name}", GET_THING)
            .route("PUT /api/v1/namespaces/{namespace}/things/{name}", UPDATE_THING)
            .route("POST /api/v1/checks", AccessRule.of("create", "example.io", "checks"))
            .route("PATCH /api/v1/namespaces/{namespace}/things/{name}", UPDATE_THING)
            .build();

    @Test
    void aResourceMethodFindsTheRuleOfItsRoute() throws NoSuchMethodException {
        assertThat(table.ruleFor(ThingResource.class.getDeclaredMethod("put"))).contains(UPDATE_THING);
        assertThat(table.ruleFor(CheckResource.class.getDeclaredMethod("check")))
                .contains(AccessRule.of("create", "example.io", "checks"));
    }

    @Test
    void aRouteWithoutARuleHasNone() throws NoSuchMethodException {
        assertThat(table.ruleFor(ThingResource.class.getDeclaredMethod("delete"))).isEmpty();
        assertThat(table.ruleFor(ThingResource.class.getDeclaredMethod("helper"))).isEmpty();
    }

    @Test
    void routesWithoutRulesAndRulesWithoutRoutesAreListed() {
        assertThat(table.routesWithoutRule(ThingResource.class, CheckResource.class))
                .containsExactly("DELETE /api/v1/namespaces/{namespace}/things/{name}");
        assertThat(table.rulesWithoutRoute(ThingResource.class, CheckResource.class))
                .containsExactly("PATCH /api/v1/namespaces/{namespace}/things/{name}");
    }

    @Test
    void aRouteHasOneRuleAndAWellFormedKey() {
        AccessTable.Builder builder = AccessTable.builder().route("GET /api/v1/things", GET_THING);

        assertThatThrownBy(() -> builder.route("GET /api/v1/things", GET_THING))
                .hasMessageContaining("two rules for GET /api/v1/things");
        assertThatThrownBy(() -> builder.route("/api/v1/things", GET_THING))
                .hasMessageContaining("a route is 'VERB /path'");
    }
}

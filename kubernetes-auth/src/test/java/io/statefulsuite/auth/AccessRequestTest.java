package io.statefulsuite.auth;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AccessRequestTest {

    @SuppressWarnings("unused")
    static class Routes {
        @PUT
        @Access(verb = "update", group = "stateful.suite.io", resource = "valkeyclusters")
        void put() {
        }

        @POST
        @Access(verb = "create", group = "stateful.suite.io", resource = "valkeyclusters", subresource = "health",
                nameParameter = "nameAndAction")
        void custom() {
        }

        @GET
        @Access(verb = "list", group = "storage.k8s.io", resource = "storageclasses")
        void clusterWide() {
        }

        @GET
        void forgotten() {
        }

        void helper() {
        }
    }

    @Test
    void namespaceAndNameComeFromThePath() {
        AccessRequest request = AccessRequest.of(rule("put"), Map.of("namespace", "shop", "name", "cache")::get);

        assertThat(request).isEqualTo(new AccessRequest("update", "stateful.suite.io", "valkeyclusters", "", "shop",
                "cache"));
        assertThat(request).hasToString("update valkeyclusters.stateful.suite.io \"cache\" in namespace shop");
    }

    @Test
    void nsIsANamespaceTooAndACustomMethodIsNoPartOfTheName() {
        AccessRequest request = AccessRequest.of(rule("custom"), Map.of("ns", "shop", "nameAndAction", "cache:probe")::get);

        assertThat(request.namespace()).isEqualTo("shop");
        assertThat(request.name()).isEqualTo("cache");
        assertThat(request.subresource()).isEqualTo("health");
    }

    @Test
    void aRouteWithoutNamespaceNeedsTheRightClusterWide() {
        AccessRequest request = AccessRequest.of(rule("clusterWide"), Map.<String, String>of()::get);

        assertThat(request.namespace()).isEmpty();
        assertThat(request.name()).isEmpty();
        assertThat(request).hasToString("list storageclasses.storage.k8s.io cluster-wide");
    }

    @Test
    void theSubjectAccessReviewCarriesTheReviewedUserUnchanged() {
        ReviewedUser user = new ReviewedUser("system:serviceaccount:ci:deployer", "uid-1",
                List.of("system:serviceaccounts", "system:serviceaccounts:ci"),
                Map.of("authentication.kubernetes.io/pod-name", List.of("runner-0")));
        AccessRequest request = AccessRequest.of(rule("put"), Map.of("namespace", "shop", "name", "cache")::get);

        SubjectAccessReview review = AccessReviewer.subjectAccessReview(user, request);

        assertThat(review.getSpec().getUser()).isEqualTo(user.username());
        assertThat(review.getSpec().getUid()).isEqualTo("uid-1");
        assertThat(review.getSpec().getGroups()).isEqualTo(user.groups());
        assertThat(review.getSpec().getExtra()).isEqualTo(user.extra());
        var attributes = review.getSpec().getResourceAttributes();
        assertThat(List.of(attributes.getVerb(), attributes.getGroup(), attributes.getResource(),
                attributes.getNamespace(), attributes.getName()))
                .containsExactly("update", "stateful.suite.io", "valkeyclusters", "shop", "cache");
        assertThat(attributes.getSubresource()).isNull();
    }

    @Test
    void clusterWideReviewsLeaveTheNamespaceOut() {
        ReviewedUser user = new ReviewedUser("alice", null, null, null);

        var attributes = AccessReviewer.subjectAccessReview(user,
                AccessRequest.of(rule("clusterWide"), Map.<String, String>of()::get)).getSpec().getResourceAttributes();

        assertThat(attributes.getNamespace()).isNull();
        assertThat(attributes.getName()).isNull();
    }

    @Test
    void routesWithoutARuleAreFound() {
        assertThat(AccessRules.undeclared(Routes.class)).containsExactly("Routes.forgotten");
    }

    private static Access rule(String method) {
        try {
            return Routes.class.getDeclaredMethod(method).getAnnotation(Access.class);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}

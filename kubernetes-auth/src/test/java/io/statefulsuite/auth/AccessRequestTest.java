package io.statefulsuite.auth;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AccessRequestTest {

    private static final AccessRule UPDATE_CLUSTER = AccessRule.of("update", "stateful.suite.io", "valkeyclusters");
    private static final AccessRule LIST_CLASSES = AccessRule.of("list", "storage.k8s.io", "storageclasses");

    @Test
    void namespaceAndNameComeFromThePath() {
        AccessRequest request = AccessRequest.of(UPDATE_CLUSTER, Map.of("namespace", "shop", "name", "cache")::get);

        assertThat(request).isEqualTo(new AccessRequest("update", "stateful.suite.io", "valkeyclusters", "", "shop",
                "cache"));
        assertThat(request).hasToString("update valkeyclusters.stateful.suite.io \"cache\" in namespace shop");
    }

    @Test
    void nsIsANamespaceTooAndACustomMethodIsNoPartOfTheName() {
        AccessRule probe = AccessRule.of("create", "stateful.suite.io", "valkeyclusters").subresource("health")
                .nameFrom("nameAndAction");

        AccessRequest request = AccessRequest.of(probe, Map.of("ns", "shop", "nameAndAction", "cache:probe")::get);

        assertThat(request).isEqualTo(new AccessRequest("create", "stateful.suite.io", "valkeyclusters", "health",
                "shop", "cache"));
        assertThat(request).hasToString("create valkeyclusters/health.stateful.suite.io \"cache\" in namespace shop");
    }

    @Test
    void aRouteWithoutNamespaceNeedsTheRightClusterWide() {
        AccessRequest request = AccessRequest.of(LIST_CLASSES, Map.<String, String>of()::get);

        assertThat(request.namespace()).isEmpty();
        assertThat(request.name()).isEmpty();
        assertThat(request).hasToString("list storageclasses.storage.k8s.io cluster-wide");
    }

    @Test
    void theSubjectAccessReviewCarriesTheReviewedUserUnchanged() {
        ReviewedUser user = new ReviewedUser("system:serviceaccount:ci:deployer", "uid-1",
                List.of("system:serviceaccounts", "system:serviceaccounts:ci"),
                Map.of("authentication.kubernetes.io/pod-name", List.of("runner-0")));
        AccessRequest request = AccessRequest.of(UPDATE_CLUSTER, Map.of("namespace", "shop", "name", "cache")::get);

        SubjectAccessReview review = AccessReviewer.subjectAccessReview(user, request);

        assertThat(review.getSpec().getUser()).isEqualTo(user.username());
        assertThat(review.getSpec().getUid()).isEqualTo("uid-1");
        assertThat(review.getSpec().getGroups()).isEqualTo(user.groups());
        assertThat(review.getSpec().getExtra()).isEqualTo(user.extra());
        ResourceAttributes attributes = review.getSpec().getResourceAttributes();
        assertThat(List.of(attributes.getVerb(), attributes.getGroup(), attributes.getResource(),
                attributes.getNamespace(), attributes.getName()))
                .containsExactly("update", "stateful.suite.io", "valkeyclusters", "shop", "cache");
        assertThat(attributes.getSubresource()).isNull();
    }

    @Test
    void clusterWideReviewsLeaveNamespaceAndNameOut() {
        ReviewedUser user = new ReviewedUser("alice", null, null, null);

        ResourceAttributes attributes = AccessReviewer.subjectAccessReview(user,
                AccessRequest.of(LIST_CLASSES, Map.<String, String>of()::get)).getSpec().getResourceAttributes();

        assertThat(attributes.getNamespace()).isNull();
        assertThat(attributes.getName()).isNull();
        assertThat(attributes.getGroup()).isEqualTo("storage.k8s.io");
    }
}

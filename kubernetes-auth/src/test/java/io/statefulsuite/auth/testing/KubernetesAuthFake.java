package io.statefulsuite.auth.testing;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The Kubernetes API's TokenReview and SubjectAccessReview, as expectations on fabric8's mock API server (which
 * otherwise stores any POSTed review and answers it unauthenticated). Tokens map to users; grants play the
 * cluster's RBAC: a grant without namespace is a ClusterRoleBinding, one with a namespace a RoleBinding there.
 */
public final class KubernetesAuthFake {

    public static final String TOKEN_REVIEWS = "/apis/authentication.k8s.io/v1/tokenreviews";
    public static final String ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/subjectaccessreviews";

    /** One RBAC right of a user; {@code resource} may carry a subresource ({@code valkeyclusters/health}). */
    public record Grant(String user, String verb, String group, String resource, String namespace) {
    }

    /** Expectations stay on a server for its life, so each server gets one fake. */
    private static final Map<KubernetesMockServer, KubernetesAuthFake> INSTALLED = new ConcurrentHashMap<>();

    private final KubernetesSerialization json = new KubernetesSerialization();
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final Set<Grant> grants = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokenReviews = new AtomicInteger();
    private final List<ResourceAttributes> accessReviews = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    private KubernetesAuthFake() {
    }

    public static KubernetesAuthFake on(KubernetesMockServer server) {
        return INSTALLED.computeIfAbsent(server, KubernetesAuthFake::install);
    }

    private static KubernetesAuthFake install(KubernetesMockServer server) {
        KubernetesAuthFake fake = new KubernetesAuthFake();
        server.expect().post().withPath(TOKEN_REVIEWS).andReply(fake.replying(fake::reviewToken)).always();
        server.expect().post().withPath(ACCESS_REVIEWS).andReply(fake.replying(fake::reviewAccess)).always();
        return fake;
    }

    /** The TokenReview API accepts {@code token} as {@code user}. */
    public KubernetesAuthFake token(String token, String user) {
        users.put(token, user);
        return this;
    }

    public KubernetesAuthFake grant(Grant grant) {
        grants.add(grant);
        return this;
    }

    /** While down, both review APIs answer 503 (an API server without etcd quorum, say). */
    public void down(boolean down) {
        this.down = down;
    }

    public int tokenReviews() {
        return tokenReviews.get();
    }

    /** What the SubjectAccessReviews asked, in order. */
    public List<ResourceAttributes> accessReviews() {
        return List.copyOf(accessReviews);
    }

    private String reviewToken(String body) {
        tokenReviews.incrementAndGet();
        TokenReview review = json.unmarshal(body, TokenReview.class);
        String user = users.get(review.getSpec().getToken());
        review.setStatus(user == null
                ? new TokenReviewStatusBuilder().withAuthenticated(false).withError("invalid bearer token").build()
                : new TokenReviewStatusBuilder().withAuthenticated(true).withNewUser().withUsername(user)
                .withUid("uid-" + user).withGroups("system:authenticated").endUser().build());
        return json.asJson(review);
    }

    private String reviewAccess(String body) {
        SubjectAccessReview review = json.unmarshal(body, SubjectAccessReview.class);
        ResourceAttributes asked = review.getSpec().getResourceAttributes();
        accessReviews.add(asked);
        String resource = asked.getResource() + (asked.getSubresource() == null ? "" : "/" + asked.getSubresource());
        boolean allowed = grants.stream().anyMatch(grant -> grant.user().equals(review.getSpec().getUser())
                && grant.verb().equals(asked.getVerb())
                && grant.group().equals(Objects.requireNonNullElse(asked.getGroup(), ""))
                && grant.resource().equals(resource)
                && (grant.namespace() == null || grant.namespace().equals(asked.getNamespace())));
        review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(allowed).build());
        return json.asJson(review);
    }

    private ResponseProvider<Object> replying(Function<String, String> answer) {
        return new ResponseProvider<>() {
            private Headers headers = Headers.builder().build();

            @Override
            public int getStatusCode(RecordedRequest request) {
                return down ? 503 : 201;
            }

            @Override
            public Object getBody(RecordedRequest request) {
                return down ? json.asJson(new StatusBuilder().withStatus("Failure").withCode(503)
                        .withReason("ServiceUnavailable").withMessage("etcd cluster is unavailable").build())
                        : answer.apply(request.getUtf8Body());
            }

            @Override
            public Headers getHeaders() {
                return headers;
            }

            @Override
            public void setHeaders(Headers headers) {
                this.headers = headers;
            }
        };
    }
}

package io.statefulsuite.auth;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates bearer tokens with the Kubernetes TokenReview API, so the cluster's authenticators (ServiceAccount
 * tokens, and whatever else the API server trusts) decide. Answers are cached under the token's SHA-256.
 */
@ApplicationScoped
public class TokenReviewer {

    private static final Logger LOG = Logger.getLogger(TokenReviewer.class);

    private final KubernetesClient client;
    private final AuthConfig config;
    private final List<String> audiences;
    private final ExpiringCache<String, Optional<ReviewedUser>> reviews;

    public TokenReviewer(KubernetesClient client, AuthConfig config) {
        this.client = client;
        this.config = config;
        this.audiences = config.audiences().orElse(List.of());
        this.reviews = new ExpiringCache<>(config.cacheSize(), System::nanoTime);
    }

    /**
     * @return the caller, or empty when the token is not (or no longer) valid
     * @throws ReviewUnavailableException when the API server cannot be asked
     */
    public Optional<ReviewedUser> review(String token) {
        String key = BearerToken.digest(token);
        Optional<Optional<ReviewedUser>> cached = reviews.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        Optional<ReviewedUser> user = ask(token);
        reviews.put(key, user, user.isPresent() ? config.cacheTtl() : config.failureCacheTtl());
        return user;
    }

    private Optional<ReviewedUser> ask(String token) {
        TokenReview question = new TokenReviewBuilder()
                .withNewSpec().withToken(token).withAudiences(audiences).endSpec()
                .build();
        TokenReviewStatus answer;
        try {
            answer = client.authentication().v1().tokenReviews().create(question).getStatus();
        } catch (KubernetesClientException e) {
            throw new ReviewUnavailableException("TokenReview", e);
        }
        if (answer == null || !Boolean.TRUE.equals(answer.getAuthenticated()) || answer.getUser() == null) {
            LOG.debugf("TokenReview rejected a token: %s", answer == null ? "no status" : answer.getError());
            return Optional.empty();
        }
        if (!audiences.isEmpty() && Collections.disjoint(audiences, answer.getAudiences())) {
            LOG.debugf("TokenReview accepted a token of %s for audiences %s, none of %s",
                    answer.getUser().getUsername(), answer.getAudiences(), audiences);
            return Optional.empty();
        }
        return Optional.of(ReviewedUser.of(answer.getUser()));
    }
}

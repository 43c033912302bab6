package io.statefulsuite.auth;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Authorizes a reviewed caller with the SubjectAccessReview API, so cluster RBAC (Roles and RoleBindings) is the one
 * place that grants rights to the suite's APIs. Decisions are cached briefly, like the kube-apiserver's webhook
 * authorizer does.
 */
@ApplicationScoped
public class AccessReviewer {

    private static final Logger LOG = Logger.getLogger(AccessReviewer.class);

    private record Question(ReviewedUser user, AccessRequest request) {
    }

    private final KubernetesClient client;
    private final AuthConfig config;
    private final ExpiringCache<Question, Boolean> decisions;

    public AccessReviewer(KubernetesClient client, AuthConfig config) {
        this.client = client;
        this.config = config;
        this.decisions = new ExpiringCache<>(config.cacheSize(), System::nanoTime);
    }

    /** @throws ReviewUnavailableException when the API server cannot be asked */
    public boolean allowed(ReviewedUser user, AccessRequest request) {
        Question question = new Question(user, request);
        Optional<Boolean> cached = decisions.get(question);
        if (cached.isPresent()) {
            return cached.get();
        }
        boolean allowed = ask(question);
        decisions.put(question, allowed, allowed ? config.cacheTtl() : config.failureCacheTtl());
        return allowed;
    }

    private boolean ask(Question question) {
        SubjectAccessReview review = subjectAccessReview(question.user(), question.request());
        SubjectAccessReviewStatus answer;
        try {
            answer = client.authorization().v1().subjectAccessReview().create(review).getStatus();
        } catch (KubernetesClientException e) {
            throw new ReviewUnavailableException("SubjectAccessReview", e);
        }
        boolean allowed = answer != null && Boolean.TRUE.equals(answer.getAllowed());
        if (!allowed && answer != null && answer.getEvaluationError() != null) {
            LOG.debugf("SubjectAccessReview for %s could not evaluate every rule: %s", question.user().username(),
                    answer.getEvaluationError());
        }
        return allowed;
    }

    static SubjectAccessReview subjectAccessReview(ReviewedUser user, AccessRequest request) {
        return new SubjectAccessReviewBuilder()
                .withNewSpec()
                .withUser(user.username())
                .withUid(user.uid())
                .withGroups(user.groups())
                .withExtra(user.extra())
                .withResourceAttributes(resourceAttributes(request))
                .endSpec()
                .build();
    }

    private static ResourceAttributes resourceAttributes(AccessRequest request) {
        return new ResourceAttributesBuilder()
                .withVerb(request.verb())
                .withGroup(request.group())
                .withResource(request.resource())
                .withSubresource(emptyToNull(request.subresource()))
                .withNamespace(emptyToNull(request.namespace()))
                .withName(emptyToNull(request.name()))
                .build();
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}

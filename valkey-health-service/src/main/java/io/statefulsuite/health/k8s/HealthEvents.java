package io.statefulsuite.health.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.statefulsuite.health.domain.ClusterRef;
import io.statefulsuite.health.k8s.ClusterSpecReader;
import io.statefulsuite.health.domain.Transition;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;


/** Kubernetes Events for state transitions, on the ValkeyCluster (kubectl describe vkc shows them). */
@ApplicationScoped
public class HealthEvents {

    private static final Logger LOG = Logger.getLogger(HealthEvents.class);
    private static final String COMPONENT = "valkey-health-service";
    private final KubernetesClient client;

    public HealthEvents(KubernetesClient client) {
        this.client = client;
    }

    public void publish(ClusterRef ref, GenericKubernetesResource resource, Transition transition) {
        try {
            client.v1().events().inNamespace(ref.namespace()).resource(event(ref, resource, transition)).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("Cannot record event %s for %s: HTTP %d", transition.kind(), ref, e.getCode());
        }
    }

    static Event event(ClusterRef ref, GenericKubernetesResource resource, Transition transition) {
        String time = transition.at().toString();
        return new EventBuilder()
                .withNewMetadata().withGenerateName(ref.name() + "-health-").withNamespace(ref.namespace())
                .addToLabels("app.kubernetes.io/instance", ref.name())
                .addToLabels("app.kubernetes.io/managed-by", COMPONENT).endMetadata()
                .withNewInvolvedObject().withApiVersion(ClusterSpecReader.GROUP_VERSION).withKind(ClusterSpecReader.KIND)
                .withNamespace(ref.namespace()).withName(ref.name())
                .withUid(resource == null ? null : resource.getMetadata().getUid()).endInvolvedObject()
                .withType(transition.kind() == Transition.Kind.RECOVERED ? "Normal" : "Warning")
                .withReason(reason(transition))
                .withMessage(transition.message())
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withFirstTimestamp(time).withLastTimestamp(time).withCount(1)
                .build();
    }

    private static String reason(Transition transition) {
        return switch (transition.kind()) {
            case FAILOVER -> "Failover";
            case RECOVERED -> "Recovered";
            case STATUS_CHANGED -> "Health" + capitalised(transition.to());
        };
    }

    private static String capitalised(String status) {
        return status.charAt(0) + status.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}

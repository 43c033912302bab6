package io.statefulsuite.local.node;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The {@code FailedScheduling} Warning events kube-scheduler records on a pod (core/v1, as kubectl describe shows). */
final class SchedulingEvents {

    private final KubernetesClient client;

    SchedulingEvents(KubernetesClient client) {
        this.client = client;
    }

    void failedScheduling(Pod pod, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Event event = new EventBuilder()
                .withNewMetadata().withNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName() + "." + Long.toHexString(System.nanoTime())).endMetadata()
                .withNewInvolvedObject().withApiVersion("v1").withKind("Pod")
                .withNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .withUid(pod.getMetadata().getUid()).endInvolvedObject()
                .withType("Warning").withReason("FailedScheduling").withMessage(message)
                .withNewSource().withComponent(Scheduler.NAME).endSource()
                .withReportingComponent(Scheduler.NAME).withReportingInstance(Scheduler.NAME + "-local")
                .withAction("Scheduling").withEventTime(new MicroTime(Instant.now().toString()))
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .build();
        client.v1().events().inNamespace(pod.getMetadata().getNamespace()).resource(event).create();
    }
}

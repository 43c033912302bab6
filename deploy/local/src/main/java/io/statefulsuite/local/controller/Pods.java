package io.statefulsuite.local.controller;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.Optional;

/** Reading a pod's state the way controllers do. */
public final class Pods {

    private Pods() {
    }

    public static boolean isReady(Pod pod) {
        return Optional.ofNullable(pod.getStatus()).map(status -> status.getConditions()).stream()
                .flatMap(java.util.List::stream)
                .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
    }
}

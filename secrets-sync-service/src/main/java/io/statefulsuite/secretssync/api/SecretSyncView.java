package io.statefulsuite.secretssync.api;

import io.statefulsuite.secretssync.crd.SecretSync;
import io.statefulsuite.secretssync.domain.SecretSyncSpec;
import io.statefulsuite.secretssync.crd.SecretSyncStatus;

import java.util.Map;

/** A SecretSync as the API shows it (spec and status hold no secret values). */
public record SecretSyncView(String namespace, String name, Map<String, String> labels, SecretSyncSpec spec,
                             SecretSyncStatus status) {

    static SecretSyncView of(SecretSync resource) {
        return new SecretSyncView(resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
                resource.getMetadata().getLabels(), resource.getSpec(), resource.getStatus());
    }
}

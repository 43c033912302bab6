package io.statefulsuite.provisioner.manifests;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

import java.util.List;

/** Makes rendered objects children of their ValkeyCluster, so that deleting it garbage-collects them. */
public final class OwnerReferences {

    private OwnerReferences() {
    }

    /**
     * Adds a controller owner reference to every namespaced object of {@code objects} (in place) and returns
     * them. Cluster-scoped objects (the StorageClass) are left alone: a namespaced owner cannot own them, the
     * API server's garbage collector would treat such a reference as unresolvable.
     */
    public static List<HasMetadata> ownedBy(List<HasMetadata> objects, String apiVersion, String kind,
                                            String name, String uid) {
        OwnerReference owner = new OwnerReferenceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withName(name)
                .withUid(uid)
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
        objects.stream()
                .filter(object -> object.getMetadata().getNamespace() != null)
                .forEach(object -> object.getMetadata().setOwnerReferences(List.of(owner)));
        return objects;
    }
}

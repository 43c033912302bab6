package io.statefulsuite.provisioner.reconcile;

import io.statefulsuite.provisioner.crd.ValkeyCluster;

/** {@code namespace/name}, the identity of a cluster in the work queue and the metrics. */
final class ClusterKey {

    private ClusterKey() {
    }

    static String of(ValkeyCluster cluster) {
        return of(cluster.getMetadata().getNamespace(), cluster.getMetadata().getName());
    }

    static String of(String namespace, String name) {
        return namespace + "/" + name;
    }

    static String namespace(String key) {
        return key.substring(0, key.indexOf('/'));
    }

    static String name(String key) {
        return key.substring(key.indexOf('/') + 1);
    }
}

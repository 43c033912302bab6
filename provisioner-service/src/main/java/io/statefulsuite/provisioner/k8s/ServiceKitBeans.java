package io.statefulsuite.provisioner.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.statefulsuite.kit.crd.CustomResourceGate;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The CRD the provisioner waits for before it competes for its Lease (service-kit). */
public class ServiceKitBeans {

    @Produces
    @Singleton
    CustomResourceGate valkeyClusters(KubernetesClient client) {
        return CustomResourceGate.of(client, ResourceDefinitionContext.fromResourceType(ValkeyCluster.class));
    }
}

package io.statefulsuite.secretssync.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.statefulsuite.kit.crd.CustomResourceGate;
import io.statefulsuite.secretssync.crd.SecretSync;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The CRD the service waits for before it watches SecretSyncs and competes for its Lease (service-kit). */
public class ServiceKitBeans {

    @Produces
    @Singleton
    CustomResourceGate secretSyncs(KubernetesClient client) {
        return CustomResourceGate.of(client, ResourceDefinitionContext.fromResourceType(SecretSync.class));
    }
}

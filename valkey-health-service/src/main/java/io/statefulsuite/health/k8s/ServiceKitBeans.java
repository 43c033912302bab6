package io.statefulsuite.health.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.statefulsuite.kit.crd.CustomResourceGate;
import io.statefulsuite.kit.leader.LeaderElection;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The CRD the service waits for before it elects its Event writer (service-kit). Checks run before it is served
 * (on labelled pods only, see {@link ClusterDiscovery}).
 */
@Singleton
public class ServiceKitBeans {

    @Produces
    @Singleton
    CustomResourceGate valkeyClusters(KubernetesClient client) {
        return CustomResourceGate.of(client, ClusterDiscovery.VALKEY_CLUSTERS);
    }

    void start(@Observes StartupEvent event, LeaderElection election, CustomResourceGate valkeyClusters) {
        valkeyClusters.whenServed(() -> election.start(() -> { }, () -> { }));
    }

    void stop(@Observes ShutdownEvent event, LeaderElection election, CustomResourceGate valkeyClusters) {
        valkeyClusters.stop();
        election.stop();
    }
}

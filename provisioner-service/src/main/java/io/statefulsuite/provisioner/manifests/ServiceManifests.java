package io.statefulsuite.provisioner.manifests;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.ClusterNames;
import io.statefulsuite.provisioner.domain.Component;

import java.util.List;
import java.util.Map;

/**
 * The headless Services {@code <c>} (all pods), {@code <c>-primary} and {@code <c>-replica}. They publish
 * not-ready pods too: nodes must find each other to form the cluster before any of them can be ready.
 */
public final class ServiceManifests {

    private ServiceManifests() {
    }

    public static List<Service> render(String namespace, String name) {
        return List.of(
                headless(namespace, ClusterNames.allPods(name), ClusterLabels.of(name, Component.CLUSTER),
                        ClusterLabels.allPodsSelector(name)),
                forComponent(namespace, name, Component.PRIMARY),
                forComponent(namespace, name, Component.REPLICA));
    }

    private static Service forComponent(String namespace, String name, Component component) {
        return headless(namespace, ClusterNames.statefulSet(name, component), ClusterLabels.of(name, component),
                ClusterLabels.podSelector(name, component));
    }

    private static Service headless(String namespace, String serviceName, Map<String, String> labels,
                                    Map<String, String> selector) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(serviceName)
                .withNamespace(namespace)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(selector)
                .withPorts(port(ClusterNames.CLIENT_PORT_NAME, ClusterNames.CLIENT_PORT),
                        port(ClusterNames.GOSSIP_PORT_NAME, ClusterNames.GOSSIP_PORT))
                .endSpec()
                .build();
    }

    private static ServicePort port(String name, int port) {
        return new ServicePortBuilder().withName(name).withPort(port).withProtocol("TCP")
                .withNewTargetPort(name).build();
    }
}

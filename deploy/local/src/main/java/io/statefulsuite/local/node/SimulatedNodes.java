package io.statefulsuite.local.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;

/** Node objects for the simulated machines: one per zone, labelled as AKS labels a Valkey node pool. */
public final class SimulatedNodes {

    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

    private SimulatedNodes() {
    }

    /** Creates (or keeps) a node per zone label value and returns their names. */
    public static List<String> ensure(KubernetesClient client, List<String> zones, Map<String, String> poolLabels) {
        return zones.stream().map(zone -> ensureNode(client, zone, poolLabels)).toList();
    }

    private static String ensureNode(KubernetesClient client, String zone, Map<String, String> poolLabels) {
        String name = "local-node-zone-" + zone;
        if (client.nodes().withName(name).get() == null) {
            Node node = new NodeBuilder()
                    .withNewMetadata().withName(name)
                    .addToLabels(poolLabels).addToLabels(ZONE_LABEL, zone).addToLabels(HOSTNAME_LABEL, name)
                    .endMetadata()
                    .withNewStatus()
                    .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition()
                    .addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress()
                    .endStatus()
                    .build();
            client.nodes().resource(node).create();
        }
        return name;
    }
}

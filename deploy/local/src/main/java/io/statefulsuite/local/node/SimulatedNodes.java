package io.statefulsuite.local.node;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The simulated machines as the API server sees them, kept as kubelets keep theirs: one Node per zone, labelled as
 * AKS labels a Valkey node pool, registered with its status written through {@code nodes/status}; then a heartbeat,
 * the node's Lease in {@code kube-node-lease} renewed every {@value #RENEW_SECONDS} s and the Ready condition's
 * heartbeat refreshed, so that a real node lifecycle controller neither taints the nodes nor evicts their pods.
 */
public final class SimulatedNodes {

    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";
    static final String LEASE_NAMESPACE = "kube-node-lease";
    static final int LEASE_SECONDS = 40;
    static final int RENEW_SECONDS = 10;
    private static final Duration STATUS_REFRESH = Duration.ofSeconds(LEASE_SECONDS);
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedNodes.class);

    private final KubernetesClient client;
    private final Map<String, String> zoneByNode = new LinkedHashMap<>();
    private final Map<String, String> poolLabels;
    private Instant leasesRenewed = Instant.EPOCH;
    private Instant statusRefreshed = Instant.EPOCH;
    private boolean leaseNamespaceSeen;

    public SimulatedNodes(KubernetesClient client, List<String> zones, Map<String, String> poolLabels) {
        this.client = client;
        this.poolLabels = poolLabels;
        zones.forEach(zone -> zoneByNode.put("local-node-zone-" + zone, zone));
    }

    /** The nodes' names and zones, in zone order. */
    public Map<String, String> zoneByNode() {
        return zoneByNode;
    }

    public List<String> names() {
        return List.copyOf(zoneByNode.keySet());
    }

    /** Creates the Node objects that are missing and reports every node Ready, as a starting kubelet does. */
    public SimulatedNodes register() {
        zoneByNode.forEach((name, zone) -> {
            if (client.nodes().withName(name).get() == null) {
                client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                        .addToLabels(poolLabels).addToLabels(ZONE_LABEL, zone).addToLabels(HOSTNAME_LABEL, name)
                        .endMetadata().build()).create();
            }
        });
        heartbeat();
        return this;
    }

    /** Called every pass; writes only when a renewal or a status refresh is due. */
    public void heartbeat() {
        Instant now = Instant.now();
        if (now.isAfter(leasesRenewed.plusSeconds(RENEW_SECONDS))) {
            zoneByNode.keySet().forEach(name -> renewLease(name, now));
            leasesRenewed = now;
        }
        if (now.isAfter(statusRefreshed.plus(STATUS_REFRESH))) {
            zoneByNode.keySet().forEach(name -> reportReady(name, now));
            statusRefreshed = now;
        }
    }

    private void renewLease(String nodeName, Instant now) {
        try {
            ensureLeaseNamespace();
            Node node = client.nodes().withName(nodeName).get();
            Lease lease = new LeaseBuilder().withNewMetadata().withName(nodeName).withNamespace(LEASE_NAMESPACE)
                    .addNewOwnerReference().withApiVersion("v1").withKind("Node").withName(nodeName)
                    .withUid(node.getMetadata().getUid()).endOwnerReference().endMetadata()
                    .withNewSpec().withHolderIdentity(nodeName).withLeaseDurationSeconds(LEASE_SECONDS)
                    .withRenewTime(now.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC)).endSpec().build();
            client.leases().inNamespace(LEASE_NAMESPACE).resource(lease)
                    .createOr(existing -> existing.edit(current -> {
                        current.setSpec(lease.getSpec());
                        return current;
                    }));
        } catch (KubernetesClientException e) {
            LOG.warn("Lease of node {} not renewed: {}", nodeName, e.getMessage());
        }
    }

    private void reportReady(String nodeName, Instant now) {
        try {
            Node node = client.nodes().withName(nodeName).get();
            String heartbeat = now.truncatedTo(ChronoUnit.SECONDS).toString();
            node.setStatus(readyStatus(heartbeat, readySince(node).orElse(heartbeat)));
            client.nodes().resource(node).updateStatus();
        } catch (KubernetesClientException e) {
            LOG.warn("Status of node {} not reported: {}", nodeName, e.getMessage());
        }
    }

    /** When the node last became Ready: a heartbeat moves lastHeartbeatTime, not lastTransitionTime. */
    private static Optional<String> readySince(Node node) {
        return Optional.ofNullable(node.getStatus()).map(NodeStatus::getConditions).orElse(List.of()).stream()
                .filter(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()))
                .map(NodeCondition::getLastTransitionTime).filter(Objects::nonNull).findFirst();
    }

    private static NodeStatus readyStatus(String now, String readySince) {
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi"),
                "pods", new Quantity("110"));
        return new NodeStatusBuilder()
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status").withLastHeartbeatTime(now)
                .withLastTransitionTime(readySince).endCondition()
                .addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress()
                .withCapacity(capacity).withAllocatable(capacity)
                .build();
    }

    private void ensureLeaseNamespace() {
        if (!leaseNamespaceSeen && client.namespaces().withName(LEASE_NAMESPACE).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(LEASE_NAMESPACE)
                    .endMetadata().build()).create();
        }
        leaseNamespaceSeen = true;
    }
}

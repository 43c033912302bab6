package io.statefulsuite.local.node;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.local.WorkloadRunner;
import io.statefulsuite.local.apiserver.ApplyAwareMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node role against an API server alone, one pass at a time: what it writes is what a real control plane and
 * the provisioner read (bindings, PodScheduled conditions, FailedScheduling events, node Leases).
 */
class SchedulerTest {

    private static final String NS = "cache";
    private static final String PREEMPTION = " preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    @TempDir
    Path work;
    private ApplyAwareMockServer server;
    private KubernetesClient client;
    private WorkloadRunner nodes;

    @BeforeEach
    void startApiServerAndNodes() {
        server = ApplyAwareMockServer.create();
        server.init();
        client = server.createClient();
        nodes = new WorkloadRunner(client, WorkloadRunner.Settings.defaults(work)
                .withRoles(EnumSet.of(WorkloadRunner.Role.NODES)));
    }

    @AfterEach
    void stop() {
        nodes.close();
        client.close();
        server.destroy();
    }

    @Test
    void aPodNoNodeMatchesGetsPodScheduledFalseAndOneEventInTheSchedulersWords() {
        create(pod("lost", Map.of("agentpool", "nowhere"), List.of()));

        for (int pass = 0; pass < 5; pass++) {
            nodes.tick();
        }

        PodCondition scheduled = podScheduled("lost");
        assertThat(scheduled.getStatus()).isEqualTo("False");
        assertThat(scheduled.getReason()).isEqualTo("Unschedulable");
        assertThat(scheduled.getMessage()).isEqualTo(
                "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector." + PREEMPTION);
        assertThat(failedScheduling("lost")).as("one event per reason, not one per pass")
                .extracting(Event::getMessage).containsExactly(scheduled.getMessage());
        assertThat(client.pods().inNamespace(NS).withName("lost").get().getSpec().getNodeName()).isNull();
    }

    @Test
    void reasonsAreCountedPerNodeAndSortedAsKubeSchedulerSortsThem() {
        Pod first = pod("first", Map.of("agentpool", "valkey"), List.of("1", "2"));
        create(first);
        nodes.tick();
        create(pod("second", Map.of("agentpool", "valkey"), List.of("1")));

        nodes.tick();

        assertThat(podScheduled("second").getMessage()).isEqualTo("0/3 nodes are available: "
                + "1 node(s) didn't satisfy existing pods anti-affinity rules, 2 node(s) didn't match Pod's node affinity/selector."
                + PREEMPTION);
    }

    @Test
    void aClaimOfAMissingStorageClassKeepsThePodOffEveryNode() {
        client.persistentVolumeClaims().inNamespace(NS).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("data-lost").withNamespace(NS).endMetadata()
                .withNewSpec().withStorageClassName("premium-zrs").withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build())
                .create();
        Pod pod = pod("lost", Map.of("agentpool", "valkey"), List.of());
        pod.getSpec().getVolumes().add(new io.fabric8.kubernetes.api.model.VolumeBuilder().withName("data")
                .withNewPersistentVolumeClaim().withClaimName("data-lost").endPersistentVolumeClaim().build());
        create(pod);

        nodes.tick();
        nodes.tick();

        assertThat(podScheduled("lost").getMessage()).isEqualTo(
                "0/3 nodes are available: storageclass.storage.k8s.io \"premium-zrs\" not found." + PREEMPTION);
        assertThat(client.persistentVolumes().list().getItems()).as("no disk for a class nobody serves").isEmpty();
    }

    @Test
    void podsAreBoundThroughTheBindingSubresourceAndNodesKeepTheirLeases() {
        create(pod("a", Map.of("agentpool", "valkey"), List.of("1", "2", "3")));
        create(pod("b", Map.of("agentpool", "valkey"), List.of("1", "2", "3")));

        nodes.tick();

        assertThat(server.dispatcher().bindings()).isEqualTo(2);
        assertThat(List.of("a", "b")).extracting(name -> client.pods().inNamespace(NS).withName(name).get()
                .getSpec().getNodeName()).doesNotContainNull().doesNotHaveDuplicates();
        List<Lease> leases = client.leases().inNamespace("kube-node-lease").list().getItems();
        assertThat(leases).extracting(lease -> lease.getSpec().getHolderIdentity())
                .containsExactlyInAnyOrder("local-node-zone-1", "local-node-zone-2", "local-node-zone-3");
        assertThat(leases).allSatisfy(lease -> assertThat(lease.getSpec().getRenewTime()).isNotNull());
        assertThat(client.nodes().list().getItems()).allSatisfy(node -> assertThat(node.getStatus().getConditions())
                .anySatisfy(condition -> assertThat(condition.getType() + "=" + condition.getStatus()
                        + " heartbeat " + (condition.getLastHeartbeatTime() != null)).isEqualTo("Ready=True heartbeat true")));
    }

    @Test
    void theMessageHasKubeSchedulersShapeWithoutAnyNode() {
        assertThat(Unschedulable.message(0, List.of())).isEqualTo(
                "0/0 nodes are available. preemption: 0/0 nodes are available: 0 Preemption is not helpful for scheduling.");
    }

    private void create(Pod pod) {
        client.pods().inNamespace(NS).resource(pod).create();
    }

    private PodCondition podScheduled(String name) {
        return client.pods().inNamespace(NS).withName(name).get().getStatus().getConditions().stream()
                .filter(condition -> "PodScheduled".equals(condition.getType())).findFirst().orElseThrow();
    }

    private List<Event> failedScheduling(String pod) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(event -> pod.equals(event.getInvolvedObject().getName())
                        && "FailedScheduling".equals(event.getReason())).toList();
    }

    /** A Valkey pod as the provisioner renders one: pool selector, allowed zones, no two on one zone. */
    private static Pod pod(String name, Map<String, String> nodeSelector, List<String> zones) {
        PodSpecBuilder spec = new PodSpecBuilder().withNodeSelector(nodeSelector)
                .addNewContainer().withName("valkey").withImage("valkey/valkey:8.0").endContainer();
        if (!zones.isEmpty()) {
            spec.withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                    .addNewNodeSelectorTerm().addNewMatchExpression().withKey(SimulatedNodes.ZONE_LABEL)
                    .withOperator("In").withValues(zones).endMatchExpression().endNodeSelectorTerm()
                    .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity()
                    .withNewPodAntiAffinity().addNewRequiredDuringSchedulingIgnoredDuringExecution()
                    .withTopologyKey(SimulatedNodes.ZONE_LABEL).withNewLabelSelector()
                    .addToMatchLabels("app.kubernetes.io/instance", "demo").endLabelSelector()
                    .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().endAffinity();
        }
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .addToLabels("app.kubernetes.io/instance", "demo").endMetadata()
                .withSpec(spec.build()).build();
    }
}

package io.statefulsuite.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.local.LocalStack;
import io.statefulsuite.local.PipelineFlow;
import io.statefulsuite.local.WorkloadRunner;
import io.statefulsuite.local.apiserver.LocalApiServer;
import io.statefulsuite.local.stack.Kubeconfig;
import io.statefulsuite.local.stack.StackOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run.sh --kubeconfig FILE --context NAME [--simulate-nodes]} against a control plane without nodes: here the
 * local API server and the workload runner's control-plane role alone (StatefulSet, PV and garbage collection
 * controllers) play kube-apiserver and kube-controller-manager, reached only through a kubeconfig whose context
 * names no namespace (the choice among several contexts: {@code ExistingClusterTest}). The stack adds nothing but
 * the node role, through the API; against a cluster that has nodes (here the workload runner's both roles), not even
 * that.
 */
class ExistingClusterEndToEndTest {

    private static final String NS = "existing";
    @TempDir
    Path work;
    private LocalApiServer controlPlane;
    private WorkloadRunner controllers;
    private LocalStack stack;

    @Test
    void thePipelineFlowGivesAReadyHealthyClusterOnAControlPlaneWhoseNodesTheStackSimulates() {
        startCluster(EnumSet.of(WorkloadRunner.Role.CONTROL_PLANE));

        JsonNode ready = provisionThroughTheStack("--simulate-nodes");

        assertThat(stack.workloads()).as("the stack plays the nodes").isNotNull();
        KubernetesClient cluster = controlPlane.client();
        assertThat(controlPlane.requests().bindings()).as("pods bound through pods/binding").isEqualTo(6);
        assertThat(cluster.nodes().list().getItems()).extracting(node -> node.getMetadata().getName())
                .containsExactlyInAnyOrder("local-node-zone-1", "local-node-zone-2", "local-node-zone-3");
        List<Lease> leases = cluster.leases().inNamespace("kube-node-lease").list().getItems();
        assertThat(leases).extracting(lease -> lease.getSpec().getHolderIdentity())
                .containsExactlyInAnyOrder("local-node-zone-1", "local-node-zone-2", "local-node-zone-3");
        assertThat(cluster.persistentVolumes().list().getItems()).hasSize(6)
                .allSatisfy(volume -> assertThat(volume.getSpec().getNodeAffinity()).as("a disk lives in a zone")
                        .isNotNull());
    }

    @Test
    void onAClusterWithItsOwnNodesTheStackRunsNoWorkloadOfItsOwn() {
        startCluster(EnumSet.allOf(WorkloadRunner.Role.class));

        provisionThroughTheStack();

        assertThat(stack.workloads()).as("the cluster's own nodes run the pods").isNull();
    }

    private void startCluster(Set<WorkloadRunner.Role> roles) {
        controlPlane = LocalApiServer.start(FreePorts.one());
        controllers = new WorkloadRunner(controlPlane.client(), WorkloadRunner.Settings.defaults(work.resolve("cluster"))
                .withRoles(roles)).start(Duration.ofMillis(500));
    }

    /** The pipeline flow through a stack on the cluster's kubeconfig, with the checks both modes share. */
    private JsonNode provisionThroughTheStack(String... extraOptions) {
        Path kubeconfig = Kubeconfig.write(work.resolve("kubeconfig"), controlPlane.url(), null);
        Path repo = Path.of(System.getProperty("suite.repo", "..")).toAbsolutePath().normalize();
        List<String> options = new ArrayList<>(List.of("--repo", repo.toString(),
                "--workdir", work.resolve("stack").toString(), "--vault-port", String.valueOf(FreePorts.one()),
                "--service-port-base", String.valueOf(FreePorts.run(3)), "--namespace", NS,
                "--kubeconfig", kubeconfig.toString(), "--context", "local-stack"));
        options.addAll(List.of(extraOptions));
        stack = new LocalStack(StackOptions.parse(options.toArray(String[]::new))).start();

        JsonNode ready = new PipelineFlow(stack).provisionAndReport();

        assertThat(stack.apiServer()).as("no embedded API server").isNull();
        assertThat(ready.path("status").path("health").path("status").asText()).isEqualTo("HEALTHY");
        assertThat(ready.path("status").path("pods")).hasSize(6);
        assertThat(controlPlane.requests().applies(
                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/valkeyclusters.stateful.suite.io"))
                .as("CRDs installed by server-side apply").isPositive();
        return ready;
    }

    @AfterEach
    void stop() {
        for (AutoCloseable part : new AutoCloseable[] {stack, controllers, controlPlane}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                System.err.println("While stopping: " + e);
            }
        }
    }
}

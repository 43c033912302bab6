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
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run.sh --kubeconfig FILE --context NAME --simulate-nodes} against a control plane without nodes: here the
 * local API server and the workload runner's control-plane role alone (StatefulSet, PV and garbage collection
 * controllers) play kube-apiserver and kube-controller-manager, reached only through a kubeconfig whose context
 * names no namespace (the choice among several contexts: {@code ExistingClusterTest}). The stack adds nothing but
 * the node role, through the API.
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
        controlPlane = LocalApiServer.start(FreePorts.one());
        controllers = new WorkloadRunner(controlPlane.client(), WorkloadRunner.Settings.defaults(work.resolve("cp"))
                .withRoles(EnumSet.of(WorkloadRunner.Role.CONTROL_PLANE))).start(Duration.ofMillis(500));
        Path kubeconfig = Kubeconfig.write(work.resolve("kubeconfig"), controlPlane.url(), null);
        Path repo = Path.of(System.getProperty("suite.repo", "..")).toAbsolutePath().normalize();

        stack = new LocalStack(StackOptions.parse("--repo", repo.toString(), "--workdir", work.resolve("stack").toString(),
                "--vault-port", String.valueOf(FreePorts.one()), "--service-port-base", String.valueOf(FreePorts.run(3)),
                "--namespace", NS, "--kubeconfig", kubeconfig.toString(), "--context", "local-stack", "--simulate-nodes"))
                .start();
        JsonNode ready = new PipelineFlow(stack).provisionAndReport();

        assertThat(stack.apiServer()).as("no embedded API server").isNull();
        assertThat(ready.path("status").path("health").path("status").asText()).isEqualTo("HEALTHY");
        assertThat(ready.path("status").path("pods")).hasSize(6);
        KubernetesClient cluster = controlPlane.client();
        assertThat(controlPlane.requests().applies(
                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/valkeyclusters.stateful.suite.io"))
                .as("CRDs installed by server-side apply").isPositive();
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

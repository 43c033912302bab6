package io.statefulsuite.local.stack;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.statefulsuite.local.apiserver.LocalApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the stack takes a user's kubeconfig: the context, the services' copy, and clear refusals. */
class ExistingClusterTest {

    @TempDir
    Path work;
    private LocalApiServer apiServer;

    @BeforeEach
    void start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        apiServer = LocalApiServer.start(port);
    }

    @AfterEach
    void stop() {
        apiServer.close();
    }

    @Test
    void theCurrentContextIsUsedAsItIsAndTheServicesGetTheSameFile() throws IOException {
        Path kubeconfig = kubeconfig("suite", apiServer.url());

        try (ExistingCluster cluster = ExistingCluster.connect(kubeconfig, null, work.resolve("stack"))) {
            assertThat(cluster.context()).isEqualTo("suite");
            assertThat(cluster.kubeconfigForServices()).isEqualTo(kubeconfig);
            assertThat(cluster.client().getMasterUrl().toString()).startsWith(apiServer.url());
        }
    }

    @Test
    void anotherContextGivesTheServicesACopyWithThatContextCurrentAndAbsolutePaths() throws IOException {
        Path kubeconfig = kubeconfig("elsewhere", apiServer.url());

        try (ExistingCluster cluster = ExistingCluster.connect(kubeconfig, "suite", work.resolve("stack"))) {
            Config copy = Serialization.unmarshal(Files.readString(cluster.kubeconfigForServices()), Config.class);
            assertThat(cluster.kubeconfigForServices()).isNotEqualTo(kubeconfig);
            assertThat(copy.getCurrentContext()).isEqualTo("suite");
            assertThat(copy.getUsers().get(0).getUser().getTokenFile())
                    .isEqualTo(work.resolve("token").toString());
        }
    }

    @Test
    void aMissingContextOrASilentApiServerIsRefusedWithWhatToDo() throws IOException {
        Path kubeconfig = kubeconfig("elsewhere", apiServer.url());

        assertThatThrownBy(() -> ExistingCluster.connect(kubeconfig, "prod", work))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No context prod in").hasMessageContaining("[elsewhere, suite]");
        assertThatThrownBy(() -> ExistingCluster.connect(kubeconfig, null, work))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The API server of context elsewhere (http://127.0.0.1:1/) does not answer");
    }

    @Test
    void optionsThatNeedAKubeconfigAreRefusedWithoutOne() {
        assertThatThrownBy(() -> StackOptions.parse("--simulate-nodes"))
                .hasMessageContaining("--simulate-nodes needs --kubeconfig FILE");
        assertThatThrownBy(() -> StackOptions.parse("--context", "suite"))
                .hasMessageContaining("--context needs --kubeconfig FILE");
        assertThatThrownBy(() -> StackOptions.parse("--kubeconfig", work.resolve("absent").toString()))
                .hasMessageContaining("no such readable file");
    }

    @Test
    void aFailoverDemoNeedsSimulatedNodes() throws IOException {
        String kubeconfig = kubeconfig("suite", apiServer.url()).toString();

        assertThatThrownBy(() -> StackOptions.parse("--kubeconfig", kubeconfig, "--demo-failover"))
                .hasMessageContaining("add --simulate-nodes");
        assertThat(StackOptions.parse("--kubeconfig", kubeconfig, "--simulate-nodes", "--demo-failover").embedded())
                .isFalse();
    }

    /** The chosen context names no namespace, as az aks get-credentials writes it; its token file is relative. */
    private Path kubeconfig(String current, String server) throws IOException {
        Files.writeString(work.resolve("token"), "not-checked");
        return Files.writeString(work.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: elsewhere
                  cluster:
                    server: http://127.0.0.1:1
                - name: suite
                  cluster:
                    server: %s
                users:
                - name: admin
                  user:
                    tokenFile: token
                contexts:
                - name: elsewhere
                  context:
                    cluster: elsewhere
                    user: admin
                - name: suite
                  context:
                    cluster: suite
                    user: admin
                current-context: %s
                """.formatted(server, current));
    }
}

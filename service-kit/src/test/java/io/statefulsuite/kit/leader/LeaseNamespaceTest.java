package io.statefulsuite.kit.leader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeaseNamespaceTest {

    private static final String PROPERTY = "provisioner.leader-election.namespace";

    @TempDir
    Path temp;

    @Test
    void theSettingComesFirst() throws IOException {
        assertThat(namespaces(Map.of("POD_NAMESPACE", "pod"), serviceAccount("sa"))
                .resolve(Optional.of("set"), () -> "kubeconfig", PROPERTY)).isEqualTo("set");
    }

    @Test
    void thenThePodNamespaceVariable() throws IOException {
        assertThat(namespaces(Map.of("POD_NAMESPACE", "pod"), serviceAccount("sa"))
                .resolve(Optional.empty(), () -> "kubeconfig", PROPERTY)).isEqualTo("pod");
    }

    @Test
    void thenTheServiceAccountNamespaceFile() throws IOException {
        assertThat(namespaces(Map.of(), serviceAccount("sa\n"))
                .resolve(Optional.empty(), () -> "kubeconfig", PROPERTY)).isEqualTo("sa");
    }

    @Test
    void thenTheKubeconfigContext() {
        assertThat(namespaces(Map.of(), temp.resolve("absent"))
                .resolve(Optional.empty(), () -> "kubeconfig", PROPERTY)).isEqualTo("kubeconfig");
    }

    @Test
    void blankValuesCountAsUnset() throws IOException {
        assertThat(namespaces(Map.of("POD_NAMESPACE", " "), serviceAccount(""))
                .resolve(Optional.of(""), () -> "kubeconfig", PROPERTY)).isEqualTo("kubeconfig");
    }

    @Test
    void noneIsAStartupErrorNamingTheProperty() {
        assertThatThrownBy(() -> namespaces(Map.of(), temp.resolve("absent"))
                .resolve(Optional.empty(), () -> null, PROPERTY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PROPERTY).hasMessageContaining("POD_NAMESPACE");
    }

    private Path serviceAccount(String namespace) throws IOException {
        return Files.writeString(temp.resolve("namespace"), namespace);
    }

    private static LeaseNamespace namespaces(Map<String, String> environment, Path serviceAccountFile) {
        return new LeaseNamespace(environment::get, serviceAccountFile);
    }
}

package io.statefulsuite.secretssync.crd;

import io.fabric8.crdv2.generator.CRDGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed CRD is exactly what fabric8's generator makes of {@link SecretSync}. To refresh it after a
 * spec change: {@code ./mvnw -pl secrets-sync-service test -Dtest=CrdYamlTest -Dcrd.write=true}.
 */
class CrdYamlTest {

    private static final String FILE = "secretsyncs.stateful.suite.io-v1.yml";
    private static final Path COMMITTED = Path.of("..", "deploy", "crds", FILE);

    @Test
    void committedCrdMatchesTheGeneratorsOutput(@TempDir Path out) throws IOException {
        new CRDGenerator().customResourceClasses(SecretSync.class).forCRDVersions("v1").inOutputDir(out.toFile())
                .generate();
        String generated = Files.readString(out.resolve(FILE));
        if (Boolean.getBoolean("crd.write")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, generated);
        }

        assertThat(COMMITTED).exists();
        assertThat(Files.readString(COMMITTED)).isEqualTo(generated);
        assertThat(generated).contains("subresources:", "status: {}", "scope: \"Namespaced\"", "name: \"v1alpha1\"");
    }
}

package io.statefulsuite.provisioner.crd;

import io.fabric8.crdv2.generator.CRDGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed CRD is exactly what fabric8's generator makes of {@link ValkeyCluster}, so it cannot drift
 * from the Java model.
 */
class CrdYamlTest {

    private static final String FILE = "valkeyclusters.stateful.suite.io-v1.yml";
    private static final Path COMMITTED = Path.of("..", "deploy", "crds", FILE);
    private static final String REGENERATE =
            "./mvnw -pl provisioner-service test -Dtest=CrdYamlTest -Dcrd.write=true";

    @Test
    void committedCrdMatchesTheGeneratorsOutput(@TempDir Path out) throws IOException {
        String generated = generate(out);
        if (Boolean.getBoolean("crd.write")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, generated);
        }

        assertThat(COMMITTED).as("deploy/crds/%s is missing; create it with: %s", FILE, REGENERATE).exists();
        assertThat(Files.readString(COMMITTED))
                .as("deploy/crds/%s differs from the Java model; regenerate it with: %s", FILE, REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void theSchemaCarriesTheContractsNamesDefaultsAndBounds(@TempDir Path out) throws IOException {
        String crd = generate(out);

        assertThat(crd).contains(
                "name: \"valkeyclusters.stateful.suite.io\"",
                "group: \"stateful.suite.io\"",
                "kind: \"ValkeyCluster\"",
                "plural: \"valkeyclusters\"",
                "singular: \"valkeycluster\"",
                "- \"vkc\"",
                "scope: \"Namespaced\"",
                "name: \"v1alpha1\"",
                "subresources:",
                "status: {}",
                "jsonPath: \".status.phase\"",
                "default: \"valkey/valkey:8.1\"",
                "default: \"20Gi\"",
                "default: \"everysec\"",
                "minimum: 3.0",
                "maximum: 5.0",
                "pattern: \"^(Premium_LRS|Premium_ZRS|PremiumV2_LRS|StandardSSD_LRS|StandardSSD_ZRS)$\"",
                "x-kubernetes-validations:",
                "message: \"spec.tls cannot be added, removed or changed after creation\"",
                "rule: \"has(self.tls) == has(oldSelf.tls)",
                "rule: \"!has(self.zones) || size(self.zones) != 1 || self.replicasPerShard",
                "rule: \"!has(self.zones) || size(self.zones) != 2 || self.replicasPerShard",
                "message: \"spec.zones: with 2 zones the number of shards must be even",
                "rule: \"!has(self.nodeSelector) || !('topology.kubernetes.io/zone' in");
    }

    private static String generate(Path out) throws IOException {
        new CRDGenerator().customResourceClasses(ValkeyCluster.class).forCRDVersions("v1").inOutputDir(out.toFile())
                .generate();
        return Files.readString(out.resolve(FILE));
    }
}

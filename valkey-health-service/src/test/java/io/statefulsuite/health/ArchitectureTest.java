package io.statefulsuite.health;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Pure logic stays pure: the domain knows nothing of Kubernetes clients, Azure, Redis or HTTP. */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.statefulsuite.health");

    @Test
    void domainHasNoAdapterImports() {
        ArchRule rule = noClasses().that().resideInAnyPackage("..domain..", "..model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.fabric8.kubernetes.client..",
                        "com.azure..",
                        "io.vertx..",
                        "io.quarkus.redis..",
                        "jakarta.ws.rs..",
                        "org.eclipse.microprofile.rest.client..")
                .allowEmptyShould(true);
        rule.check(PRODUCTION);
    }

    @Test
    void domainDoesNotReachIntoAdaptersOrApi() {
        ArchRule rule = noClasses().that().resideInAnyPackage("..domain..", "..model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.statefulsuite.health.api..",
                        "io.statefulsuite.health.k8s..", "io.statefulsuite.health.keyvault..", "io.statefulsuite.health.valkey..")
                .allowEmptyShould(true);
        rule.check(PRODUCTION);
    }

    /** Issue #13: the domain holds no fabric8, Azure, Vert.x or Redis type at all; code that builds Kubernetes objects lives in manifests. */
    @Test
    void domainUsesNoFabric8AzureVertxOrRedis() {
        ArchRule rule = noClasses().that().resideInAPackage("io.statefulsuite.health.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.fabric8..", "com.azure..", "io.vertx..", "io.quarkus.redis..")
                .allowEmptyShould(true);
        rule.check(PRODUCTION);
    }
}

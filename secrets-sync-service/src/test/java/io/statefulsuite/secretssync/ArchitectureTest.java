package io.statefulsuite.secretssync;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.fabric8.kubernetes.client.CustomResource;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Pure logic stays pure: the domain knows nothing of Kubernetes clients, Azure, Redis or HTTP. */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.statefulsuite.secretssync");

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
                                // Anchored to this service: a bare "..api.." would also match io.fabric8.kubernetes.api.model,
                // whose model classes the domain may use.
                .should().dependOnClassesThat().resideInAnyPackage("io.statefulsuite.secretssync.api..",
                        "io.statefulsuite.secretssync.k8s..", "io.statefulsuite.secretssync.keyvault..",
                        "io.statefulsuite.secretssync.sync..", "io.statefulsuite.secretssync.crd..")
                .allowEmptyShould(true);
        rule.check(PRODUCTION);
    }

    @Test
    void customResourcesLiveInCrd() {
        ArchRule rule = classes().that().areAssignableTo(CustomResource.class)
                .should().resideInAPackage("io.statefulsuite.secretssync.crd");
        rule.check(PRODUCTION);
    }
}

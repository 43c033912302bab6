package io.statefulsuite.secretssync;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.fabric8.kubernetes.client.CustomResource;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
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

    /** Issue #13: the domain holds no fabric8, Azure, Vert.x or Redis type at all; code that builds Kubernetes objects lives in manifests. */
    @Test
    void domainUsesNoFabric8AzureVertxOrRedis() {
        // One exception: the spec records (SecretSyncSpec, VaultRef, DataItem, ...) carry fabric8's CRD schema
        // annotation @Required. They stay in domain because the domain's rules read them and domain may not use crd.
        ArchRule rule = noClasses().that().resideInAPackage("io.statefulsuite.secretssync.domain..")
                .should().dependOnClassesThat(resideInAnyPackage(
                                "io.fabric8..", "com.azure..", "io.vertx..", "io.quarkus.redis..")
                        .and(not(resideInAPackage("io.fabric8.generator.annotation"))))
                .allowEmptyShould(true);
        rule.check(PRODUCTION);
    }

    /** manifests may use fabric8 model classes and the domain, but no adapter. */
    @Test
    void manifestsDoNotReachIntoAdapters() {
        ArchRule rule = noClasses().that().resideInAPackage("io.statefulsuite.secretssync.manifests..")
                .should().dependOnClassesThat().resideInAnyPackage("io.statefulsuite.secretssync.api..",
                        "io.statefulsuite.secretssync.k8s..", "io.statefulsuite.secretssync.reconcile..", "io.statefulsuite.secretssync.sync..",
                        "io.statefulsuite.secretssync.keyvault..", "io.statefulsuite.secretssync.valkey..",
                        "io.fabric8.kubernetes.client..", "com.azure..", "io.vertx..", "io.quarkus.redis..")
                .allowEmptyShould(true);
        rule.check(PRODUCTION);
    }
}

package io.statefulsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.statefulsuite.deploy.support.DeployFiles;
import io.statefulsuite.deploy.support.Kustomize;
import io.statefulsuite.deploy.support.Manifest;
import io.statefulsuite.deploy.support.Repo;
import io.statefulsuite.deploy.support.Yaml;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.statefulsuite.deploy.support.Kustomize.one;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service's ServiceAccount is granted exactly what its code calls — every (scope, apiGroup, resource, verb)
 * in the declared list below and nothing more. The lists are derived by reading the services' Kubernetes
 * adapters (fabric8 calls in provisioner-service k8s/ and reconcile/, secrets-sync-service k8s/,
 * valkey-health-service k8s/, kubernetes-auth); keep them in step when an adapter starts calling something new.
 */
class RbacTest {

    /** Where a grant applies: everywhere, in the suite's own namespace, or in each namespace that opted in. */
    enum Scope { CLUSTER, SUITE_NAMESPACE, OPTED_IN_NAMESPACES }

    record Grant(Scope scope, String group, String resource, String verb) implements Comparable<Grant> {
        @Override
        public int compareTo(Grant other) {
            return toString().compareTo(other.toString());
        }
    }

    private static final String SUITE = "stateful-suite";
    private static final String PIPELINE_ROLE = "stateful-suite-api-port-forward";

    /** kubernetes-auth's ApiAuthFilter in every service: TokenReview, then SubjectAccessReview, of each API caller. */
    private static final Set<Grant> API_GATE = grants(
            needs(Scope.CLUSTER, "authentication.k8s.io", "tokenreviews", "create"),
            needs(Scope.CLUSTER, "authorization.k8s.io", "subjectaccessreviews", "create"));

    static final Map<String, Set<Grant>> NEEDS = Map.of(
            "provisioner-service", grants(API_GATE,
                    // ValkeyClusterStore: find (get), list, create, replace (update), edit of finalizers (patch),
                    // delete; ReconcileLoop: informer in any namespace (list, watch).
                    needs(Scope.CLUSTER, "stateful.suite.io", "valkeyclusters", "get", "list", "watch", "create", "update", "patch", "delete"),
                    // ValkeyClusterStore.writeStatus: updateStatus.
                    needs(Scope.CLUSTER, "stateful.suite.io", "valkeyclusters/status", "update"),
                    // ManifestApplier: owner references with blockOwnerDeletion=true (OwnerReferences.ownedBy).
                    needs(Scope.CLUSTER, "stateful.suite.io", "valkeyclusters/finalizers", "update"),
                    // ManifestApplier: server-side apply (patch; create when new); makeWayFor: get, orphan delete,
                    // waitUntilCondition (list, watch); ClusterCleanup: delete by label.
                    needs(Scope.CLUSTER, "apps", "statefulsets", "get", "list", "watch", "create", "patch", "delete", "deletecollection"),
                    // ManifestApplier: server-side apply; ClusterCleanup: delete by label.
                    needs(Scope.CLUSTER, "", "services", "create", "patch", "deletecollection"),
                    needs(Scope.CLUSTER, "", "configmaps", "create", "patch", "deletecollection"),
                    needs(Scope.CLUSTER, "policy", "poddisruptionbudgets", "create", "patch", "deletecollection"),
                    // ClusterObserver and growClaims list a cluster's claims; growClaims edits them (get + patch);
                    // ClusterCleanup.deleteVolumes deletes them by label.
                    needs(Scope.CLUSTER, "", "persistentvolumeclaims", "get", "list", "patch", "deletecollection"),
                    // StorageClasses: list, find (get), apply (server-side); ClusterCleanup deletes an inline class.
                    needs(Scope.CLUSTER, "storage.k8s.io", "storageclasses", "get", "list", "create", "patch", "delete"),
                    // ClusterObserver: a cluster's pods, each pod's node (zone).
                    // RolloutRunner: one outdated pod at a time (ClusterCleanup.deletePod).
                    needs(Scope.CLUSTER, "", "pods", "list", "delete"),
                    needs(Scope.CLUSTER, "", "nodes", "get"),
                    // ClusterObserver.startupBlocker: the Events of a cluster whose pods are missing.
                    needs(Scope.CLUSTER, "", "events", "list"),
                    // service-kit LeaderElection: fabric8 LeaseLock (get, create, update).
                    needs(Scope.SUITE_NAMESPACE, "coordination.k8s.io", "leases", "get", "create", "update"),
                    // ClusterObserver: the cluster's auth Secret; ManifestApplier: <cluster>-auth-applied.
                    needs(Scope.OPTED_IN_NAMESPACES, "", "secrets", "get", "create", "patch"),
                    // peers.SecretsSyncPeer through secrets-sync's API gate: PUT and DELETE of a SecretSync, and
                    // PUT vault-secrets/{name}:generate.
                    needs(Scope.OPTED_IN_NAMESPACES, "stateful.suite.io", "secretsyncs", "update", "delete"),
                    needs(Scope.CLUSTER, "stateful.suite.io", "vaultsecrets/generate", "create")),
            "secrets-sync-service", grants(API_GATE,
                    // SecretSyncRepository: get, list (one or all namespaces), create, replace (update), delete;
                    // SecretSyncWatcher: informer in any namespace (list, watch).
                    needs(Scope.CLUSTER, "stateful.suite.io", "secretsyncs", "get", "list", "watch", "create", "update", "delete"),
                    // SecretSyncRepository.updateStatus.
                    needs(Scope.CLUSTER, "stateful.suite.io", "secretsyncs/status", "update"),
                    // service-kit LeaderElection: fabric8 LeaseLock (get, create, update).
                    needs(Scope.SUITE_NAMESPACE, "coordination.k8s.io", "leases", "get", "create", "update"),
                    // TargetSecretWriter: read, create, update, delete (and delete + create to recreate).
                    needs(Scope.OPTED_IN_NAMESPACES, "", "secrets", "get", "create", "update", "delete")),
            "valkey-health-service", grants(API_GATE,
                    // ClusterDiscovery: ValkeyClusters as generic resources (get one, list), labelled pods (list),
                    // claims (list), nodes for zones (list).
                    needs(Scope.CLUSTER, "stateful.suite.io", "valkeyclusters", "get", "list"),
                    // ClusterDiscovery: a pod counts only if its controller is its cluster's StatefulSet (by UID).
                    needs(Scope.CLUSTER, "apps", "statefulsets", "get", "list"),
                    needs(Scope.CLUSTER, "", "pods", "list"),
                    needs(Scope.CLUSTER, "", "persistentvolumeclaims", "list"),
                    needs(Scope.CLUSTER, "", "nodes", "list"),
                    // service-kit LeaderElection: fabric8 LeaseLock (get, create, update).
                    needs(Scope.SUITE_NAMESPACE, "coordination.k8s.io", "leases", "get", "create", "update"),
                    // ClusterDiscovery.password: the auth Secret; TlsTrustResolver: the spec.tls Secret's ca.crt; HealthEvents: Events on the ValkeyCluster.
                    needs(Scope.OPTED_IN_NAMESPACES, "", "secrets", "get"),
                    needs(Scope.OPTED_IN_NAMESPACES, "", "events", "create")));

    @Test
    void everyServiceAccountHasExactlyTheGrantsItsCodeNeeds() {
        for (Path overlay : DeployFiles.overlays()) {
            List<Manifest> objects = Kustomize.build(overlay);
            for (String service : Repo.SERVICES) {
                Set<Grant> granted = granted(objects, service);
                Set<Grant> needed = NEEDS.get(service);
                assertThat(difference(needed, granted)).as(overlay.getFileName() + ": " + service + " lacks").isEmpty();
                assertThat(difference(granted, needed)).as(overlay.getFileName() + ": " + service + " gets more than it needs").isEmpty();
            }
        }
    }

    @Test
    void noRuleUsesWildcardsAndEveryBindingPointsAtSomethingThatExists() {
        List<Manifest> objects = Kustomize.build(Repo.deploy("kubernetes/overlays/aks"));
        for (Manifest role : roles(objects)) {
            for (JsonNode rule : role.node().path("rules")) {
                assertThat(rule.toString()).as(role.id()).doesNotContain("\"*\"");
            }
        }
        for (Manifest binding : bindings(objects)) {
            roleOf(objects, binding);
            if (binding.at("/roleRef/name").asText().equals(PIPELINE_ROLE)) {
                continue;
            }
            for (JsonNode subject : binding.node().path("subjects")) {
                assertThat(subject.path("kind").asText()).isEqualTo("ServiceAccount");
                one(objects, "ServiceAccount", subject.path("name").asText());
                assertThat(subject.path("namespace").asText()).isEqualTo(SUITE);
            }
        }
    }

    @Test
    void pipelinesMayOnlyPortForwardToTheSuitesServices() {
        List<Manifest> objects = Kustomize.build(Repo.deploy("kubernetes/overlays/aks"));
        Manifest binding = one(objects, "RoleBinding", "pipelines-port-forward");
        assertThat(binding.namespace()).isEqualTo(SUITE);
        assertThat(binding.at("/subjects/0/kind").asText()).isEqualTo("Group");
        Set<String> granted = new TreeSet<>();
        for (JsonNode rule : roleOf(objects, binding).node().path("rules")) {
            rule.path("resources").forEach(r -> rule.path("verbs").forEach(v -> granted.add(r.asText() + ":" + v.asText())));
            assertThat(rule.path("apiGroups").toString()).isEqualTo("[\"\"]");
        }
        // kubectl port-forward svc/x: get the Service, find a pod of it, open pods/portforward.
        assertThat(granted).containsExactlyInAnyOrder("services:get", "pods:get", "pods:list", "pods/portforward:create");
    }

    /**
     * The example for pipelines (README, "Security") binds its Role to its ServiceAccount and grants what
     * provision-valkey-cluster.sh's calls need per the services' ApiAccess tables: PUT of a ValkeyCluster needs
     * update, reading it and its health needs get. It grants nothing that deletes or reads Secrets.
     */
    @Test
    void thePipelineExampleGrantsWhatTheProvisioningScriptCalls() {
        Path file = Repo.deploy("pipelines/examples/pipeline-rbac.yaml");
        List<Manifest> example = Yaml.objects(file).stream().map(node -> new Manifest(node, file)).toList();
        Manifest binding = one(example, "RoleBinding", "valkey-pipeline");
        JsonNode subject = binding.at("/subjects/0");
        assertThat(one(example, "ServiceAccount", subject.path("name").asText()).namespace())
                .isEqualTo(subject.path("namespace").asText());
        Set<String> granted = new TreeSet<>();
        for (JsonNode rule : roleOf(example, binding).node().path("rules")) {
            rule.path("apiGroups").forEach(g -> rule.path("resources").forEach(r -> rule.path("verbs")
                    .forEach(v -> granted.add(g.asText() + "/" + r.asText() + ":" + v.asText()))));
        }
        assertThat(granted).contains("stateful.suite.io/valkeyclusters:update", "stateful.suite.io/valkeyclusters:get");
        assertThat(granted).noneMatch(grant -> grant.endsWith(":delete") || grant.startsWith("/secrets"));
    }

    @Test
    void secretsSyncServesExactlyTheNamespacesWhereItMayWriteSecrets() {
        for (Path overlay : DeployFiles.overlays()) {
            List<Manifest> objects = Kustomize.build(overlay);
            Set<String> writable = bindings(objects).stream()
                    .filter(b -> b.at("/roleRef/name").asText().equals("secrets-sync-writer"))
                    .map(Manifest::namespace).collect(Collectors.toSet());
            String allowed = one(objects, "ConfigMap", "secrets-sync-service-config")
                    .at("/data/SECRETS_SYNC_TENANCY_ALLOWED_NAMESPACES").asText();
            assertThat(Set.of(allowed.split(","))).as(overlay.getFileName().toString()).isEqualTo(writable);
        }
    }

    private static Set<Grant> granted(List<Manifest> objects, String serviceAccount) {
        Set<Grant> granted = new TreeSet<>();
        for (Manifest binding : bindings(objects)) {
            boolean boundToAccount = false;
            for (JsonNode subject : binding.node().path("subjects")) {
                boundToAccount |= subject.path("name").asText().equals(serviceAccount)
                        && subject.path("namespace").asText().equals(SUITE);
            }
            if (!boundToAccount) {
                continue;
            }
            Scope scope = binding.kind().equals("ClusterRoleBinding") ? Scope.CLUSTER
                    : binding.namespace().equals(SUITE) ? Scope.SUITE_NAMESPACE : Scope.OPTED_IN_NAMESPACES;
            for (JsonNode rule : roleOf(objects, binding).node().path("rules")) {
                for (JsonNode group : rule.path("apiGroups")) {
                    for (JsonNode resource : rule.path("resources")) {
                        for (JsonNode verb : rule.path("verbs")) {
                            granted.add(new Grant(scope, group.asText(), resource.asText(), verb.asText()));
                        }
                    }
                }
            }
        }
        return granted;
    }

    private static Manifest roleOf(List<Manifest> objects, Manifest binding) {
        String kind = binding.at("/roleRef/kind").asText();
        String name = binding.at("/roleRef/name").asText();
        return objects.stream()
                .filter(m -> m.is(kind, name) && (kind.equals("ClusterRole") || m.namespace().equals(binding.namespace())))
                .findFirst()
                .orElseThrow(() -> new AssertionError(binding.id() + " refers to missing " + kind + " " + name));
    }

    private static List<Manifest> bindings(List<Manifest> objects) {
        return objects.stream().filter(m -> m.kind().equals("RoleBinding") || m.kind().equals("ClusterRoleBinding")).toList();
    }

    private static List<Manifest> roles(List<Manifest> objects) {
        return objects.stream().filter(m -> m.kind().equals("Role") || m.kind().equals("ClusterRole")).toList();
    }

    private static Set<Grant> difference(Set<Grant> a, Set<Grant> b) {
        Set<Grant> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static Set<Grant> needs(Scope scope, String group, String resource, String... verbs) {
        return Arrays.stream(verbs).map(verb -> new Grant(scope, group, resource, verb)).collect(Collectors.toSet());
    }

    @SafeVarargs
    private static Set<Grant> grants(Set<Grant>... parts) {
        Set<Grant> all = new HashSet<>();
        Arrays.stream(parts).forEach(all::addAll);
        return Set.copyOf(all);
    }
}

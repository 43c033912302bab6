package io.statefulsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.statefulsuite.deploy.support.Kustomize;
import io.statefulsuite.deploy.support.Manifest;
import io.statefulsuite.deploy.support.NetworkPolicies;
import io.statefulsuite.deploy.support.NetworkPolicies.Flow;
import io.statefulsuite.deploy.support.NetworkPolicies.Pod;
import io.statefulsuite.deploy.support.Repo;
import io.statefulsuite.deploy.support.Selectors;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.statefulsuite.deploy.support.Kustomize.one;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evaluates the suite's NetworkPolicies (as built by the aks overlay) on the flows that must pass and on flows
 * that must not: only the intended service-to-service, client, Prometheus, DNS, HTTPS and Valkey traffic.
 */
class NetworkPolicyTest {

    private static final String SUITE = "stateful-suite";

    private final List<Manifest> objects = Kustomize.build(Repo.deploy("kubernetes/overlays/aks"));
    private final NetworkPolicies policies = new NetworkPolicies(objects);

    private final Pod provisioner = suitePod("provisioner-service");
    private final Pod secretsSync = suitePod("secrets-sync-service");
    private final Pod health = suitePod("valkey-health-service");
    private final Pod pipeline = outside("ci", Map.of("stateful-suite.io/api-client", "true"), Map.of("app", "runner"));
    private final Pod prometheus = outside("monitoring", Map.of("stateful-suite.io/metrics-scraper", "true"),
            Map.of("app.kubernetes.io/name", "prometheus"));
    private final Pod stranger = outside("default", Map.of(), Map.of("app", "curl"));
    private final Pod valkey = outside("valkey", Map.of(), Map.of("app.kubernetes.io/name", "valkey",
            "app.kubernetes.io/instance", "orders"));
    private final Pod dns = outside("kube-system", Map.of(), Map.of("k8s-app", "kube-dns"));

    @Test
    void clientsAndPrometheusReachEveryServiceButNobodyElse() {
        for (Pod service : List.of(provisioner, secretsSync, health)) {
            assertThat(tcp(pipeline, service, 8080)).as("pipeline -> " + name(service)).isTrue();
            assertThat(tcp(prometheus, service, 8080)).as("prometheus -> " + name(service)).isTrue();
            assertThat(tcp(stranger, service, 8080)).as("stranger -> " + name(service)).isFalse();
            assertThat(tcp(pipeline, service, 9000)).as("pipeline -> " + name(service) + ":9000").isFalse();
        }
    }

    @Test
    void servicesTalkToEachOtherOnlyAsIntended() {
        assertThat(tcp(provisioner, secretsSync, 8080)).isTrue();
        assertThat(tcp(provisioner, health, 8080)).isTrue();
        assertThat(tcp(health, provisioner, 8080)).isTrue();
        assertThat(tcp(secretsSync, provisioner, 8080)).isFalse();
        assertThat(tcp(secretsSync, health, 8080)).isFalse();
        assertThat(tcp(health, secretsSync, 8080)).isFalse();
    }

    @Test
    void provisionerAndHealthReachValkeyPodsAndSecretsSyncDoesNot() {
        for (int port : List.of(6379, 16379)) {
            assertThat(tcp(provisioner, valkey, port)).isTrue();
            assertThat(tcp(health, valkey, port)).isTrue();
            assertThat(tcp(secretsSync, valkey, port)).isFalse();
        }
        assertThat(tcp(provisioner, valkey, 6380)).isFalse();
    }

    @Test
    void everyServiceResolvesNamesAndReachesHttpsEndpointsOnly() {
        for (Pod service : List.of(provisioner, secretsSync, health)) {
            assertThat(policies.allows(new Flow(service, dns, null, "UDP", 53))).as(name(service) + " DNS").isTrue();
            assertThat(policies.allows(new Flow(service, null, "20.50.1.10", "TCP", 443)))
                    .as(name(service) + " -> API server / Key Vault").isTrue();
            assertThat(policies.allows(new Flow(service, null, "20.50.1.10", "TCP", 80))).isFalse();
            assertThat(tcp(service, stranger, 8080)).isFalse();
        }
    }

    @Test
    void everyPolicySelectsPodsThatExist() {
        List<Map<String, String>> suitePods = Kustomize.ofKind(objects, "Deployment").stream()
                .map(d -> Manifest.stringMap(d.at("/spec/template/metadata/labels"))).toList();
        for (Manifest policy : Kustomize.ofKind(objects, "NetworkPolicy")) {
            assertThat(policy.namespace()).isEqualTo(SUITE);
            assertThat(suitePods).as(policy.name() + " selects a pod of the suite")
                    .anyMatch(labels -> Selectors.matches(policy.at("/spec/podSelector"), labels));
            for (JsonNode peer : policy.node().findValues("podSelector")) {
                if (peer != policy.at("/spec/podSelector") && peer.has("matchLabels")
                        && peer.at("/matchLabels/app.kubernetes.io~1name").asText().endsWith("-service")) {
                    assertThat(suitePods).as(policy.name() + " peer " + peer).anyMatch(labels -> Selectors.matches(peer, labels));
                }
            }
        }
        assertThat(policies.selecting(provisioner, "Ingress")).as("default deny covers every pod")
                .anyMatch(p -> p.name().equals("default-deny"));
    }

    private boolean tcp(Pod from, Pod to, int port) {
        return policies.allows(new Flow(from, to, null, "TCP", port));
    }

    private Pod suitePod(String service) {
        Manifest namespace = one(objects, "Namespace", SUITE);
        Map<String, String> namespaceLabels = new HashMap<>(namespace.labels());
        namespaceLabels.put("kubernetes.io/metadata.name", SUITE);
        return new Pod(SUITE, namespaceLabels,
                Manifest.stringMap(one(objects, "Deployment", service).at("/spec/template/metadata/labels")));
    }

    private static Pod outside(String namespace, Map<String, String> namespaceLabels, Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(namespaceLabels);
        all.put("kubernetes.io/metadata.name", namespace);
        return new Pod(namespace, all, labels);
    }

    private static String name(Pod pod) {
        return pod.labels().getOrDefault("app.kubernetes.io/name", pod.labels().toString());
    }
}

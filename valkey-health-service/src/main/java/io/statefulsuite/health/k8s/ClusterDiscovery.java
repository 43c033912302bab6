package io.statefulsuite.health.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.statefulsuite.health.config.HealthConfig;
import io.statefulsuite.health.domain.Check;
import io.statefulsuite.health.domain.CheckPlan;
import io.statefulsuite.health.domain.ClusterRef;
import io.statefulsuite.health.k8s.ClusterSpecReader;
import io.statefulsuite.health.domain.ExpectedTopology;
import io.statefulsuite.health.domain.Finding;
import io.statefulsuite.health.domain.NodeAccess;
import io.statefulsuite.health.domain.NodeTarget;
import io.statefulsuite.health.domain.SecretPassword;
import io.statefulsuite.health.k8s.PodTargets;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Finds Valkey clusters and their nodes: ValkeyCluster resources (read generically) and pods labelled
 * {@code app.kubernetes.io/name=valkey} whose controller is their cluster's StatefulSet, their IPs, zones (node
 * label) and data volumes, and the password from the cluster's Secret. One round lists each kind once, not once per
 * cluster.
 */
@ApplicationScoped
public class ClusterDiscovery {

    /** Given explicitly: no API discovery round-trip, and it works before the CRD is installed. */
    public static final ResourceDefinitionContext VALKEY_CLUSTERS = new ResourceDefinitionContext.Builder()
            .withGroup("stateful.suite.io").withVersion("v1alpha1").withKind(ClusterSpecReader.KIND)
            .withPlural("valkeyclusters").withNamespaced(true).build();
    private static final Logger LOG = Logger.getLogger(ClusterDiscovery.class);
    private final KubernetesClient client;
    private final HealthConfig config;
    private final TlsTrustResolver tls;

    public ClusterDiscovery(KubernetesClient client, HealthConfig config, TlsTrustResolver tls) {
        this.client = client;
        this.config = config;
        this.tls = tls;
    }

    public List<DiscoveredCluster> discoverAll() {
        List<GenericKubernetesResource> resources = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        List<StatefulSet> statefulSets = new ArrayList<>();
        for (Optional<String> namespace : namespaces()) {
            resources.addAll(listResources(namespace));
            pods.addAll(listPods(namespace));
            statefulSets.addAll(listStatefulSets(namespace));
        }
        return assemble(resources, controlledByTheirCluster(pods, statefulSets));
    }

    public Optional<DiscoveredCluster> discover(ClusterRef ref) {
        List<GenericKubernetesResource> resources = Optional.ofNullable(resources(Optional.of(ref.namespace()))
                .withName(ref.name()).get()).map(List::of).orElse(List.of());
        List<Pod> pods = client.pods().inNamespace(ref.namespace()).withLabel(PodTargets.NAME_LABEL, "valkey")
                .withLabel(PodTargets.INSTANCE_LABEL, ref.name()).list().getItems();
        List<StatefulSet> statefulSets = PodTargets.statefulSetNames(ref.name()).stream()
                .map(name -> client.apps().statefulSets().inNamespace(ref.namespace()).withName(name).get())
                .filter(Objects::nonNull).toList();
        return assemble(resources, controlledByTheirCluster(pods, statefulSets)).stream()
                .filter(c -> c.ref().equals(ref)).findFirst();
    }

    /** Pods that merely carry a cluster's labels are left out: they are never probed, nor sent its password. */
    private static List<Pod> controlledByTheirCluster(List<Pod> pods, List<StatefulSet> statefulSets) {
        Map<String, String> uids = statefulSets.stream().filter(set -> set.getMetadata().getUid() != null)
                .collect(Collectors.toMap(set -> set.getMetadata().getNamespace() + "/" + set.getMetadata().getName(),
                        set -> set.getMetadata().getUid(), (a, b) -> a));
        List<Pod> trusted = new ArrayList<>();
        for (Pod pod : pods) {
            if (PodTargets.controlledByItsCluster(pod, uids)) {
                trusted.add(pod);
            } else {
                LOG.debugf("ignoring pod %s/%s: it has Valkey labels but its controller is not its cluster's StatefulSet",
                        pod.getMetadata().getNamespace(), pod.getMetadata().getName());
            }
        }
        return trusted;
    }

    private List<Optional<String>> namespaces() {
        return config.namespaces().map(list -> list.stream().map(Optional::of).toList())
                .orElse(List.of(Optional.empty()));
    }

    private List<DiscoveredCluster> assemble(List<GenericKubernetesResource> resources, List<Pod> pods) {
        Map<ClusterRef, GenericKubernetesResource> byRef = new TreeMap<>();
        resources.forEach(r -> byRef.put(new ClusterRef(r.getMetadata().getNamespace(), r.getMetadata().getName()), r));
        Map<ClusterRef, List<Pod>> podsByRef = pods.stream()
                .filter(p -> p.getMetadata().getLabels() != null
                        && p.getMetadata().getLabels().containsKey(PodTargets.INSTANCE_LABEL))
                .collect(Collectors.groupingBy(p -> new ClusterRef(p.getMetadata().getNamespace(),
                        p.getMetadata().getLabels().get(PodTargets.INSTANCE_LABEL)), TreeMap::new, Collectors.toList()));
        Set<ClusterRef> refs = new java.util.TreeSet<>(byRef.keySet());
        refs.addAll(podsByRef.keySet());
        Map<String, String> zones = zonesOf(pods);
        Map<String, String> claims = claimPhases(refs.stream().map(ClusterRef::namespace).collect(Collectors.toSet()));
        List<DiscoveredCluster> clusters = new ArrayList<>();
        for (ClusterRef ref : refs) {
            clusters.add(cluster(ref, byRef.get(ref), podsByRef.getOrDefault(ref, List.of()), zones, claims));
        }
        return clusters;
    }

    private DiscoveredCluster cluster(ClusterRef ref, GenericKubernetesResource resource, List<Pod> pods,
                                      Map<String, String> zones, Map<String, String> claims) {
        List<Finding> findings = new ArrayList<>();
        List<NodeTarget> targets = new ArrayList<>();
        Map<String, String> nsClaims = claims.entrySet().stream()
                .filter(e -> e.getKey().startsWith(ref.namespace() + "/"))
                .collect(Collectors.toMap(e -> e.getKey().substring(ref.namespace().length() + 1), Map.Entry::getValue));
        for (Pod pod : pods) {
            PodTargets.target(pod, zones, nsClaims).ifPresentOrElse(targets::add,
                    () -> findings.add(withoutIp(pod)));
        }
        ExpectedTopology expected = resource == null ? ExpectedTopology.NONE : ClusterSpecReader.expected(resource);
        ClusterSpecReader.SecretRef secretRef = ClusterSpecReader.auth(resource, ref.name());
        Optional<String> password = readPassword(ref.namespace(), secretRef);
        if (password.isEmpty()) {
            findings.add(Finding.of(Check.DISCOVERY_SECRET).node(null)
                    .observed("Secret " + secretRef.name() + " key " + secretRef.key() + " not found")
                    .expected("a password Secret")
                    .message("The password Secret " + ref.namespace() + "/" + secretRef.name() + " (key "
                                    + secretRef.key() + ") is missing; nodes are checked without a password",
                            "Create the Secret (secrets-sync or the provisioner does) or fix spec.auth"));
        }
        Optional<NodeAccess> access = access(ref, resource, password.orElse(null), findings);
        CheckPlan plan = new CheckPlan(List.copyOf(targets), expected, config.nodeTimeout(), false, false,
                List.copyOf(findings));
        return new DiscoveredCluster(ref, plan, access, resource);
    }

    /** Plain TCP without spec.tls; with it, TLS trusting the Secret's CA, or no access at all (a finding says why). */
    private Optional<NodeAccess> access(ClusterRef ref, GenericKubernetesResource resource, String password,
                                        List<Finding> findings) {
        Optional<ClusterSpecReader.TlsRef> tlsRef = ClusterSpecReader.tls(resource);
        if (tlsRef.isEmpty()) {
            return Optional.of(NodeAccess.plain(password));
        }
        TlsTrustResolver.Trust trust = tls.resolve(ref, tlsRef.get());
        if (trust.problem() != null) {
            findings.add(trust.problem());
            return Optional.empty();
        }
        return Optional.of(NodeAccess.overTls(password, trust.ca()));
    }

    private static Finding withoutIp(Pod pod) {
        String phase = pod.getStatus() == null ? "unknown" : pod.getStatus().getPhase();
        return Finding.of(Check.DISCOVERY_NODE_WITHOUT_IP).node(pod.getMetadata().getName())
                .observed("phase " + phase + ", no pod IP").expected("a running pod with an IP")
                .message("Pod " + pod.getMetadata().getName() + " has no IP and cannot be checked",
                        "kubectl describe pod " + pod.getMetadata().getName()
                                + ": look for scheduling (zone affinity, node pool) or volume attach problems");
    }

    private Optional<String> readPassword(String namespace, ClusterSpecReader.SecretRef ref) {
        try {
            Secret secret = client.secrets().inNamespace(namespace).withName(ref.name()).get();
            return Optional.ofNullable(secret).flatMap(s -> SecretValues.read(s, ref.key()))
                    .map(SecretPassword::fromSecretValue);
        } catch (KubernetesClientException e) {
            LOG.warnf("Cannot read Secret %s/%s: HTTP %d", namespace, ref.name(), e.getCode());
            return Optional.empty();
        }
    }

    private Map<String, String> zonesOf(List<Pod> pods) {
        Set<String> nodeNames = pods.stream().map(p -> p.getSpec() == null ? null : p.getSpec().getNodeName())
                .filter(Objects::nonNull).collect(Collectors.toSet());
        Map<String, String> zones = new HashMap<>();
        if (nodeNames.isEmpty()) {
            return zones;
        }
        for (Node node : client.nodes().list().getItems()) {
            Map<String, String> labels = node.getMetadata().getLabels();
            if (nodeNames.contains(node.getMetadata().getName()) && labels != null
                    && labels.containsKey(PodTargets.ZONE_LABEL)) {
                zones.put(node.getMetadata().getName(), labels.get(PodTargets.ZONE_LABEL));
            }
        }
        return zones;
    }

    /** PVC phases keyed "namespace/name". */
    private Map<String, String> claimPhases(Set<String> namespaces) {
        Map<String, String> phases = new HashMap<>();
        for (String namespace : namespaces) {
            for (PersistentVolumeClaim claim : client.persistentVolumeClaims().inNamespace(namespace).list().getItems()) {
                String phase = claim.getStatus() == null ? "Pending" : claim.getStatus().getPhase();
                phases.put(namespace + "/" + claim.getMetadata().getName(), phase == null ? "Pending" : phase);
            }
        }
        return phases;
    }

    private List<Pod> listPods(Optional<String> namespace) {
        return namespace.map(ns -> client.pods().inNamespace(ns))
                .map(op -> op.withLabel(PodTargets.NAME_LABEL, "valkey").list().getItems())
                .orElseGet(() -> client.pods().inAnyNamespace().withLabel(PodTargets.NAME_LABEL, "valkey").list()
                        .getItems());
    }

    /** StatefulSets by name only matter as pod owners, so no label filter: their UIDs are what is trusted. */
    private List<StatefulSet> listStatefulSets(Optional<String> namespace) {
        return namespace.map(ns -> client.apps().statefulSets().inNamespace(ns).list().getItems())
                .orElseGet(() -> client.apps().statefulSets().inAnyNamespace().list().getItems());
    }

    private List<GenericKubernetesResource> listResources(Optional<String> namespace) {
        try {
            return namespace.isPresent() ? resources(namespace).list().getItems()
                    : client.genericKubernetesResources(VALKEY_CLUSTERS).inAnyNamespace().list().getItems();
        } catch (KubernetesClientException e) {
            LOG.debugf("ValkeyCluster resources not listable (HTTP %d): checking labelled pods only", e.getCode());
            return List.of();
        }
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> resources(Optional<String> namespace) {
        return client.genericKubernetesResources(VALKEY_CLUSTERS).inNamespace(namespace.orElseThrow());
    }
}

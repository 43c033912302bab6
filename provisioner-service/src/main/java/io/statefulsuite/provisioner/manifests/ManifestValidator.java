package io.statefulsuite.provisioner.manifests;

import io.statefulsuite.provisioner.domain.Checks;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.KubernetesSyntax;
import io.statefulsuite.provisioner.domain.Violation;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.storage.StorageClass;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks rendered objects the way the API server and the controllers would, plus the cross-object rules no
 * server checks (a Service that selects no pod, a script the ConfigMap lacks). The fabric8 mock server
 * validates nothing, so this is what stands between a rendering bug and a broken cluster.
 */
public final class ManifestValidator {

    /** StatefulSet pods carry {@code controller-revision-hash: <statefulset>-<up to 10 chars>}. */
    private static final int REVISION_HASH_SUFFIX = 11;
    private static final int MAX_CONFIGMAP_BYTES = 1024 * 1024;
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final List<String> CONTRACT_LABELS = List.of(ClusterLabels.NAME, ClusterLabels.INSTANCE,
            ClusterLabels.COMPONENT, ClusterLabels.PART_OF, ClusterLabels.MANAGED_BY);

    private ManifestValidator() {
    }

    public static List<Violation> validate(List<? extends HasMetadata> objects) {
        Checks check = new Checks();
        List<StatefulSet> statefulSets = ofKind(objects, StatefulSet.class);
        for (HasMetadata object : objects) {
            String at = object.getKind() + "/" + object.getMetadata().getName();
            checkMetadata(check, at, object);
            if (object instanceof StatefulSet sts) {
                checkStatefulSet(check, at, sts, objects);
            } else if (object instanceof Service service) {
                checkService(check, at, service, statefulSets);
            } else if (object instanceof PodDisruptionBudget pdb) {
                checkSelectsAll(check, at + ".spec.selector", pdb.getSpec().getSelector(), statefulSets);
            } else if (object instanceof ConfigMap configMap) {
                checkConfigMap(check, at, configMap);
            } else if (object instanceof StorageClass storageClass) {
                check.require(storageClass.getProvisioner() != null, at + ".provisioner", "required",
                        "a StorageClass needs a provisioner");
            }
        }
        return check.violations();
    }

    private static void checkMetadata(Checks check, String at, HasMetadata object) {
        String name = object.getMetadata().getName();
        boolean labelSized = object instanceof StatefulSet || object instanceof Service;
        boolean nameOk = object instanceof Service ? KubernetesSyntax.isDns1035Label(name)
                : labelSized ? KubernetesSyntax.isDns1123Label(name) : KubernetesSyntax.isDns1123Subdomain(name);
        check.require(nameOk, at + ".metadata.name", labelSized ? "dns-label" : "dns-1123-subdomain",
                "name '" + name + "' is not a valid " + object.getKind() + " name");
        String namespace = object.getMetadata().getNamespace();
        boolean clusterScoped = object instanceof StorageClass;
        check.require(clusterScoped ? namespace == null : KubernetesSyntax.isDns1123Label(namespace),
                at + ".metadata.namespace", "namespace", clusterScoped ? "cluster-scoped objects have no namespace"
                        : "namespace must be a DNS-1123 label");
        checkLabels(check, at + ".metadata.labels", object.getMetadata().getLabels());
        Map<String, String> annotations = Objects.requireNonNullElse(object.getMetadata().getAnnotations(), Map.of());
        annotations.keySet().forEach(key -> check.require(KubernetesSyntax.isLabelKey(key),
                at + ".metadata.annotations." + key, "annotation-key", "invalid annotation key"));
    }

    /** Valid keys and values, and the five app.kubernetes.io labels of CONTRACTS.md. */
    private static void checkLabels(Checks check, String at, Map<String, String> labels) {
        Map<String, String> given = Objects.requireNonNullElse(labels, Map.of());
        given.forEach((key, value) -> {
            check.require(KubernetesSyntax.isLabelKey(key), at + "." + key, "label-key", "invalid label key");
            check.require(KubernetesSyntax.isLabelValue(value), at + "." + key, "label-value",
                    "invalid label value '" + value + "'");
        });
        CONTRACT_LABELS.forEach(key -> check.require(given.containsKey(key), at + "." + key, "required-label",
                "label " + key + " is missing"));
    }

    private static void checkStatefulSet(Checks check, String at, StatefulSet sts, List<? extends HasMetadata> objects) {
        String name = sts.getMetadata().getName();
        check.require(name.length() + REVISION_HASH_SUFFIX <= KubernetesSyntax.MAX_LABEL_LENGTH, at + ".metadata.name",
                "revision-label", "name is too long for the controller-revision-hash label of its pods");
        Map<String, String> podLabels = sts.getSpec().getTemplate().getMetadata().getLabels();
        checkLabels(check, at + ".spec.template.metadata.labels", podLabels);
        LabelSelector selector = sts.getSpec().getSelector();
        check.require(selects(selector, podLabels), at + ".spec.selector", "selector-mismatch",
                "the selector does not match the pod template's labels");
        int replicas = Objects.requireNonNullElse(sts.getSpec().getReplicas(), 1);
        String lastPod = name + "-" + Math.max(0, replicas - 1);
        check.require(KubernetesSyntax.isDns1123Label(lastPod), at + ".spec.replicas", "pod-name",
                "pod " + lastPod + " would not be a valid hostname (63 characters at most)");
        Set<String> claims = new HashSet<>();
        List<PersistentVolumeClaim> templates = sts.getSpec().getVolumeClaimTemplates();
        for (int i = 0; i < templates.size(); i++) {
            PersistentVolumeClaim claim = templates.get(i);
            String claimAt = at + ".spec.volumeClaimTemplates[" + i + "]";
            String claimName = claim.getMetadata().getName();
            claims.add(claimName);
            check.require(KubernetesSyntax.isDns1123Label(claimName + "-" + lastPod), claimAt + ".metadata.name",
                    "claim-name", "claim " + claimName + "-" + lastPod + " would exceed 63 characters");
            checkPositive(check, claimAt + ".spec.resources.requests.storage",
                    claim.getSpec().getResources().getRequests().get("storage"));
        }
        checkGoverningService(check, at, sts, objects, podLabels);
        PodSpec pod = sts.getSpec().getTemplate().getSpec();
        checkPodSpec(check, at + ".spec.template.spec", pod, claims, objects);
        List<TopologySpreadConstraint> spread = pod.getTopologySpreadConstraints();
        for (int i = 0; i < spread.size(); i++) {
            check.require(selects(spread.get(i).getLabelSelector(), podLabels),
                    at + ".spec.template.spec.topologySpreadConstraints[" + i + "].labelSelector", "selector-mismatch",
                    "the spread constraint does not count the StatefulSet's own pods");
        }
    }

    /** The governing Service must exist among the rendered objects and select the StatefulSet's pods. */
    private static void checkGoverningService(Checks check, String at, StatefulSet sts, List<? extends HasMetadata> objects,
                                     Map<String, String> podLabels) {
        String serviceName = sts.getSpec().getServiceName();
        Optional<Service> service = ofKind(objects, Service.class).stream()
                .filter(s -> s.getMetadata().getName().equals(serviceName)).findFirst();
        check.require(service.isPresent(), at + ".spec.serviceName", "reference",
                "governing Service " + serviceName + " is not rendered");
        service.ifPresent(s -> check.require(selects(s.getSpec().getSelector(), podLabels), at + ".spec.serviceName",
                "selector-mismatch", "Service " + serviceName + " does not select the StatefulSet's pods"));
    }

    private static void checkPodSpec(Checks check, String at, PodSpec pod, Set<String> claims,
                                     List<? extends HasMetadata> objects) {
        Set<String> volumes = new HashSet<>(claims);
        for (int i = 0; i < pod.getVolumes().size(); i++) {
            Volume volume = pod.getVolumes().get(i);
            String volumeAt = at + ".volumes[" + i + "]";
            check.require(KubernetesSyntax.isDns1123Label(volume.getName()) && volumes.add(volume.getName()),
                    volumeAt + ".name", "volume-name", "volume names must be unique DNS labels");
            if (volume.getConfigMap() != null) {
                check.require(findConfigMap(objects, volume.getConfigMap().getName()).isPresent(),
                        volumeAt + ".configMap.name", "reference",
                        "ConfigMap " + volume.getConfigMap().getName() + " is not rendered");
            }
        }
        check.require(!pod.getContainers().isEmpty(), at + ".containers", "required", "a pod needs a container");
        for (int i = 0; i < pod.getContainers().size(); i++) {
            checkContainer(check, at + ".containers[" + i + "]", pod.getContainers().get(i), volumes, pod, objects);
        }
    }

    private static void checkContainer(Checks check, String at, Container container, Set<String> volumes,
                                       PodSpec pod, List<? extends HasMetadata> objects) {
        check.require(KubernetesSyntax.isDns1123Label(container.getName()), at + ".name", "dns-label",
                "container name must be a DNS label");
        check.require(container.getImage() != null && !container.getImage().isBlank(), at + ".image", "required",
                "container image is required");
        Set<String> portNames = new HashSet<>();
        Set<Integer> portNumbers = new HashSet<>();
        for (int i = 0; i < container.getPorts().size(); i++) {
            ContainerPort port = container.getPorts().get(i);
            String portAt = at + ".ports[" + i + "]";
            check.require(port.getName() != null && port.getName().length() <= 15
                            && PORT_NAME.matcher(port.getName()).matches() && portNames.add(port.getName()),
                    portAt + ".name", "port-name", "port names must be unique IANA service names (15 characters)");
            Integer number = port.getContainerPort();
            check.require(number != null && number > 0 && number < 65536 && portNumbers.add(number),
                    portAt + ".containerPort", "port-number", "ports must be unique numbers in 1..65535");
        }
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < container.getVolumeMounts().size(); i++) {
            VolumeMount mount = container.getVolumeMounts().get(i);
            check.require(volumes.contains(mount.getName()), at + ".volumeMounts[" + i + "].name", "reference",
                    "volume " + mount.getName() + " is neither a volume nor a claim template");
            check.require(paths.add(mount.getMountPath()), at + ".volumeMounts[" + i + "].mountPath", "unique",
                    "mount path " + mount.getMountPath() + " is used twice");
        }
        ResourceRequirements resources = Objects.requireNonNullElse(container.getResources(), new ResourceRequirements());
        Map<String, Quantity> requests = Objects.requireNonNullElse(resources.getRequests(), Map.of());
        Map<String, Quantity> limits = Objects.requireNonNullElse(resources.getLimits(), Map.of());
        requests.forEach((resource, quantity) -> checkPositive(check, at + ".resources.requests." + resource, quantity));
        limits.forEach((resource, quantity) -> checkPositive(check, at + ".resources.limits." + resource, quantity));
        checkScripts(check, at, container, pod, objects);
    }

    /** Every {@code sh <mount>/<file>} the container runs must be a key of the mounted ConfigMap. */
    private static void checkScripts(Checks check, String at, Container container, PodSpec pod,
                                     List<? extends HasMetadata> objects) {
        Stream.of(container.getCommand(), execCommand(container.getReadinessProbe()),
                        execCommand(container.getLivenessProbe()),
                        container.getLifecycle() == null ? null : execCommand(container.getLifecycle().getPreStop()))
                .filter(command -> command != null && command.size() == 2 && "sh".equals(command.get(0)))
                .map(command -> command.get(1))
                .forEach(script -> check.require(isMountedConfigFile(script, container, pod, objects), at + ".command",
                        "reference", "script " + script + " is not a key of a mounted ConfigMap"));
    }

    private static List<String> execCommand(Probe probe) {
        return probe == null || probe.getExec() == null ? null : probe.getExec().getCommand();
    }

    private static List<String> execCommand(LifecycleHandler handler) {
        return handler == null || handler.getExec() == null ? null : handler.getExec().getCommand();
    }

    private static boolean isMountedConfigFile(String path, Container container, PodSpec pod,
                                               List<? extends HasMetadata> objects) {
        return container.getVolumeMounts().stream()
                .filter(mount -> path.startsWith(mount.getMountPath() + "/"))
                .flatMap(mount -> pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                        .filter(v -> v.getConfigMap() != null)
                        .flatMap(v -> findConfigMap(objects, v.getConfigMap().getName()).stream())
                        .map(configMap -> configMap.getData().containsKey(path.substring(mount.getMountPath().length() + 1))))
                .anyMatch(Boolean::booleanValue);
    }

    private static void checkService(Checks check, String at, Service service, List<StatefulSet> statefulSets) {
        Map<String, String> selector = service.getSpec().getSelector();
        check.require(selector != null && !selector.isEmpty(), at + ".spec.selector", "required",
                "a Service without selector selects nothing here");
        List<StatefulSet> selected = statefulSets.stream()
                .filter(sts -> selects(selector, sts.getSpec().getTemplate().getMetadata().getLabels())).toList();
        Set<String> containerPorts = selected.stream()
                .flatMap(sts -> sts.getSpec().getTemplate().getSpec().getContainers().stream())
                .flatMap(c -> c.getPorts().stream()).map(ContainerPort::getName).collect(Collectors.toSet());
        List<ServicePort> ports = service.getSpec().getPorts();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ServicePort port = ports.get(i);
            String portAt = at + ".spec.ports[" + i + "]";
            check.require(port.getName() != null && names.add(port.getName()), portAt + ".name", "unique",
                    "Service port names must be unique");
            String target = port.getTargetPort() == null ? null : port.getTargetPort().getStrVal();
            check.require(target == null || selected.isEmpty() || containerPorts.contains(target),
                    portAt + ".targetPort", "reference", "no selected container has a port named " + target);
        }
    }

    /** A PDB must cover every pod of the cluster, or a drain could take a primary and its replica together. */
    private static void checkSelectsAll(Checks check, String at, LabelSelector selector, List<StatefulSet> statefulSets) {
        statefulSets.forEach(sts -> check.require(selects(selector, sts.getSpec().getTemplate().getMetadata().getLabels()),
                at, "selector-mismatch", "does not select the pods of StatefulSet " + sts.getMetadata().getName()));
    }

    private static void checkConfigMap(Checks check, String at, ConfigMap configMap) {
        Map<String, String> data = Objects.requireNonNullElse(configMap.getData(), Map.of());
        data.keySet().forEach(key -> check.require(CONFIG_KEY.matcher(key).matches(), at + ".data." + key,
                "config-key", "ConfigMap keys are letters, digits, '-', '_' and '.'"));
        long bytes = data.entrySet().stream().mapToLong(e -> e.getKey().length()
                + e.getValue().getBytes(StandardCharsets.UTF_8).length).sum();
        check.require(bytes < MAX_CONFIGMAP_BYTES, at + ".data", "size", "a ConfigMap holds at most 1 MiB");
    }

    private static void checkPositive(Checks check, String field, Quantity quantity) {
        String value = quantity == null ? null : quantity.toString();
        Optional<BigDecimal> amount = KubernetesSyntax.quantity(value);
        check.require(amount.isPresent() && amount.get().signum() > 0, field, "quantity",
                "'" + value + "' is not a positive quantity");
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty())
                && selects(selector.getMatchLabels(), labels);
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null
                && labels.entrySet().containsAll(selector.entrySet());
    }

    private static Optional<ConfigMap> findConfigMap(List<? extends HasMetadata> objects, String name) {
        return ofKind(objects, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst();
    }

    private static <T> List<T> ofKind(List<? extends HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}

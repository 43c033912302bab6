package io.statefulsuite.provisioner.manifests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.statefulsuite.provisioner.domain.ClusterLabels;
import io.statefulsuite.provisioner.domain.ClusterNames;
import io.statefulsuite.provisioner.domain.Component;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import io.statefulsuite.provisioner.domain.TlsSecret;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * StatefulSet {@code <c>-primary} (one pod per shard) or {@code <c>-replica} ({@code shards * replicasPerShard}
 * pods). Both spread over the spec's zones (required zone affinity, a zone spread constraint with maxSkew 1,
 * preferred anti-affinity by host) on the selected node pool.
 */
public final class StatefulSetManifest {

    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    public static final String HOST_LABEL = "kubernetes.io/hostname";
    public static final String CONFIG_CHECKSUM_ANNOTATION = "stateful.suite.io/config-checksum";
    /** On the pod template and so on every pod: the {@link #revision} it was rendered from. */
    public static final String REVISION_ANNOTATION = "stateful.suite.io/revision";
    public static final String UPDATE_STRATEGY = "OnDelete";
    public static final String CONTAINER_NAME = "valkey";
    /** The uid/gid of the valkey user in the official images. */
    public static final long VALKEY_UID = 999L;
    /** Room for the preStop failover wait plus the final AOF fsync / RDB save on shutdown. */
    public static final long TERMINATION_GRACE_SECONDS = 120L;

    private static final int REVISION_BYTES = 5;
    /** Map entries sorted, so equal templates always hash equally whatever map the builder was given. */
    private static final ObjectMapper CANONICAL_JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    static final String CONFIG_VOLUME = "config";
    static final String SECRET_VOLUME = "auth-secret";
    static final String AUTH_VOLUME = "auth-runtime";
    static final String TLS_VOLUME = "tls";

    private StatefulSetManifest() {
    }

    /**
     * @param configChecksum {@link ConfigMapManifest#checksum} of the cluster's ConfigMap
     */
    public static StatefulSet render(String namespace, String name, ResolvedSpec spec, Component component,
                                     String configChecksum, RenderOptions options) {
        int replicas = component == Component.PRIMARY ? spec.shards() : spec.replicaCount();
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName(ClusterNames.statefulSet(name, component))
                .withNamespace(namespace)
                .withLabels(ClusterLabels.of(name, component))
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName(ClusterNames.statefulSet(name, component))
                .withPodManagementPolicy("Parallel")
                // The provisioner replaces outdated pods itself (see domain.rollout), failing primaries over first.
                .withNewUpdateStrategy().withType(UPDATE_STRATEGY).endUpdateStrategy()
                .withNewSelector().withMatchLabels(ClusterLabels.podSelector(name, component)).endSelector()
                .withNewPersistentVolumeClaimRetentionPolicy()
                .withWhenDeleted(options.deleteVolumesWithCluster() ? "Delete" : "Retain")
                .withWhenScaled("Retain")
                .endPersistentVolumeClaimRetentionPolicy()
                .withTemplate(podTemplate(name, spec, component, configChecksum,
                        revision(name, spec, configChecksum)))
                .withVolumeClaimTemplates(dataClaim(name, spec, component))
                .endSpec()
                .build();
    }

    /**
     * The revision of the pod templates both StatefulSets get from {@code spec}: a hash over both templates as
     * rendered (image, resources, config checksum, everything), so any change to what the pods run changes it.
     */
    public static String revision(String name, ResolvedSpec spec, String configChecksum) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Component component : Component.values()) {
                digest.update(CANONICAL_JSON.writeValueAsBytes(podTemplate(name, spec, component, configChecksum, "")));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, REVISION_BYTES);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("a rendered pod template always serialises with SHA-256 at hand", e);
        }
    }

    /** The revision a pod was created from ({@link #REVISION_ANNOTATION}); empty for pods from before revisions. */
    public static String revisionOf(ObjectMeta podOrTemplate) {
        Map<String, String> annotations = podOrTemplate.getAnnotations();
        return annotations == null ? "" : annotations.getOrDefault(REVISION_ANNOTATION, "");
    }

    private static PodTemplateSpec podTemplate(String name, ResolvedSpec spec, Component component,
                                               String configChecksum, String revision) {
        Map<String, String> annotations = new TreeMap<>(Map.of(CONFIG_CHECKSUM_ANNOTATION, configChecksum));
        if (!revision.isEmpty()) {
            annotations.put(REVISION_ANNOTATION, revision);
        }
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(ClusterLabels.of(name, component))
                .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withNodeSelector(spec.nodeSelector())
                .withAffinity(affinity(name, spec))
                .withTopologySpreadConstraints(zoneSpread(name, component))
                .withSecurityContext(podSecurity())
                .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
                .withEnableServiceLinks(false)
                .withAutomountServiceAccountToken(false)
                .withContainers(container(spec))
                .withVolumes(volumes(name, spec))
                .endSpec()
                .build();
    }

    private static Affinity affinity(String name, ResolvedSpec spec) {
        return new AffinityBuilder()
                .withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm()
                .addNewMatchExpression().withKey(ZONE_LABEL).withOperator("In").withValues(spec.zoneLabels())
                .endMatchExpression()
                .endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity()
                .withNewPodAntiAffinity()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(100)
                .withNewPodAffinityTerm()
                .withTopologyKey(HOST_LABEL)
                .withNewLabelSelector().withMatchLabels(ClusterLabels.allPodsSelector(name)).endLabelSelector()
                .endPodAffinityTerm()
                .endPreferredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity()
                .build();
    }

    private static TopologySpreadConstraint zoneSpread(String name, Component component) {
        return new TopologySpreadConstraintBuilder()
                .withMaxSkew(1)
                .withTopologyKey(ZONE_LABEL)
                .withWhenUnsatisfiable("DoNotSchedule")
                .withNewLabelSelector().withMatchLabels(ClusterLabels.podSelector(name, component)).endLabelSelector()
                .build();
    }

    private static PodSecurityContext podSecurity() {
        return new PodSecurityContextBuilder()
                .withRunAsUser(VALKEY_UID)
                .withRunAsGroup(VALKEY_UID)
                .withRunAsNonRoot(true)
                .withFsGroup(VALKEY_UID)
                .withFsGroupChangePolicy("OnRootMismatch")
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    private static Container container(ResolvedSpec spec) {
        return new ContainerBuilder()
                .withName(CONTAINER_NAME)
                .withImage(spec.image())
                .withImagePullPolicy("IfNotPresent")
                .withCommand(ContainerScripts.command(ContainerScripts.START))
                .withPorts(port(ClusterNames.CLIENT_PORT_NAME, ClusterNames.CLIENT_PORT),
                        port(ClusterNames.GOSSIP_PORT_NAME, ClusterNames.GOSSIP_PORT))
                .withResources(resources(spec))
                .withReadinessProbe(probe(ContainerScripts.READY, 5, 5, 3))
                .withLivenessProbe(probe(ContainerScripts.LIVE, 30, 10, 6))
                .withNewLifecycle()
                .withNewPreStop().withNewExec().withCommand(ContainerScripts.command(ContainerScripts.PRE_STOP))
                .endExec().endPreStop()
                .endLifecycle()
                .withSecurityContext(containerSecurity())
                .withVolumeMounts(mounts(spec))
                .build();
    }

    private static List<VolumeMount> mounts(ResolvedSpec spec) {
        List<VolumeMount> mounts = new ArrayList<>(List.of(
                mount(ClusterNames.DATA_VOLUME, ValkeyConfFile.DATA_DIR, false),
                mount(CONFIG_VOLUME, ContainerScripts.MOUNT_PATH, true),
                mount(SECRET_VOLUME, ContainerScripts.SECRET_MOUNT_PATH, true),
                mount(AUTH_VOLUME, ValkeyConfFile.AUTH_DIR, false)));
        if (spec.tls()) {
            mounts.add(mount(TLS_VOLUME, TlsSecret.MOUNT_DIR, true));
        }
        return mounts;
    }

    private static ContainerPort port(String name, int port) {
        return new ContainerPortBuilder().withName(name).withContainerPort(port).withProtocol("TCP").build();
    }

    /** Null when the spec sets none, so the namespace's LimitRange defaults apply. */
    private static ResourceRequirements resources(ResolvedSpec spec) {
        if (spec.requests().isEmpty() && spec.limits().isEmpty()) {
            return null;
        }
        return new ResourceRequirementsBuilder()
                .withRequests(asQuantities(spec.requests()))
                .withLimits(asQuantities(spec.limits()))
                .build();
    }

    private static Map<String, Quantity> asQuantities(Map<String, String> values) {
        return values.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new Quantity(e.getValue())));
    }

    private static Probe probe(String script, int initialDelaySeconds, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewExec().withCommand(ContainerScripts.command(script)).endExec()
                .withInitialDelaySeconds(initialDelaySeconds)
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(5)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    private static SecurityContext containerSecurity() {
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .build();
    }

    private static VolumeMount mount(String volume, String path, boolean readOnly) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(readOnly).build();
    }

    private static List<Volume> volumes(String name, ResolvedSpec spec) {
        List<Volume> volumes = new ArrayList<>(List.of(
                new VolumeBuilder().withName(CONFIG_VOLUME)
                        .withNewConfigMap().withName(ClusterNames.configMap(name)).withDefaultMode(0444).endConfigMap()
                        .build(),
                // Group-readable so the non-root valkey user (fsGroup) can read it; the key maps to a fixed file.
                new VolumeBuilder().withName(SECRET_VOLUME)
                        .withNewSecret().withSecretName(spec.authSecretName()).withDefaultMode(0440)
                        .addNewItem().withKey(spec.passwordKey()).withPath(ContainerScripts.PASSWORD_FILE).endItem()
                        .endSecret()
                        .build(),
                // In memory: the password include never reaches a disk.
                new VolumeBuilder().withName(AUTH_VOLUME)
                        .withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity("1Mi")).endEmptyDir()
                        .build()));
        if (spec.tls()) {
            volumes.add(tlsVolume(spec.tlsSecretName()));
        }
        return volumes;
    }

    /**
     * The certificate Secret, each key listed: a Secret without one of them keeps the pod from starting with an
     * event naming the key, rather than a server that exits on a missing file.
     */
    private static Volume tlsVolume(String secretName) {
        return new VolumeBuilder().withName(TLS_VOLUME)
                .withNewSecret().withSecretName(secretName).withDefaultMode(0440)
                .withItems(TlsSecret.KEYS.stream().map(key -> new KeyToPath(key, null, key)).toList())
                .endSecret()
                .build();
    }

    private static PersistentVolumeClaim dataClaim(String name, ResolvedSpec spec, Component component) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(ClusterNames.DATA_VOLUME)
                .withLabels(ClusterLabels.of(name, component))
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(spec.storageClassName())
                .withNewResources().addToRequests("storage", new Quantity(spec.storageSize())).endResources()
                .endSpec()
                .build();
    }
}

package io.statefulsuite.local.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of kube-controller-manager the suite needs locally: for each StatefulSet it creates the pods and
 * their claims by ordinal, deletes pods above the replica count (and their claims per
 * {@code persistentVolumeClaimRetentionPolicy.whenScaled}), replaces outdated pods one at a time (RollingUpdate,
 * highest ordinal first, only while all others are ready) and writes the StatefulSet's status.
 * Pods and claims that outlive their StatefulSet are handled by {@link GarbageCollector}.
 */
public final class StatefulSetController {

    public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    public static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
    public static final String REVISION_LABEL = "controller-revision-hash";
    private static final Logger LOG = LoggerFactory.getLogger(StatefulSetController.class);

    private final KubernetesClient client;

    public StatefulSetController(KubernetesClient client) {
        this.client = client;
    }

    public void reconcileAll() {
        for (StatefulSet statefulSet : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
            try {
                reconcile(statefulSet);
            } catch (KubernetesClientException e) {
                // the next tick retries from what the API server holds, as a real controller would
                LOG.debug("StatefulSet {} not reconciled this tick: {}", statefulSet.getMetadata().getName(), e.getMessage());
            }
        }
    }

    void reconcile(StatefulSet statefulSet) {
        String namespace = statefulSet.getMetadata().getNamespace();
        int replicas = Optional.ofNullable(statefulSet.getSpec().getReplicas()).orElse(1);
        String revision = revisionOf(statefulSet);
        Map<Integer, Pod> pods = podsByOrdinal(statefulSet);

        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            ensureClaims(statefulSet, ordinal);
            if (!pods.containsKey(ordinal) && mayCreate(statefulSet, pods, ordinal)) {
                Pod pod = client.pods().inNamespace(namespace).resource(newPod(statefulSet, ordinal, revision)).create();
                pods.put(ordinal, pod);
            }
        }
        scaleIn(statefulSet, pods, replicas);
        rollOneOutdatedPod(statefulSet, pods, revision);
        writeStatus(statefulSet, pods, revision);
    }

    private boolean mayCreate(StatefulSet statefulSet, Map<Integer, Pod> pods, int ordinal) {
        if ("Parallel".equals(statefulSet.getSpec().getPodManagementPolicy())) {
            return true;
        }
        return ordinal == 0 || Optional.ofNullable(pods.get(ordinal - 1)).map(Pods::isReady).orElse(false);
    }

    private void ensureClaims(StatefulSet statefulSet, int ordinal) {
        String namespace = statefulSet.getMetadata().getNamespace();
        for (PersistentVolumeClaim template : claimTemplates(statefulSet)) {
            String name = claimName(template, statefulSet, ordinal);
            if (client.persistentVolumeClaims().inNamespace(namespace).withName(name).get() == null) {
                client.persistentVolumeClaims().inNamespace(namespace).resource(newClaim(statefulSet, template, name)).create();
            }
        }
    }

    private PersistentVolumeClaim newClaim(StatefulSet statefulSet, PersistentVolumeClaim template, String name) {
        Map<String, String> labels = new HashMap<>(statefulSet.getSpec().getSelector().getMatchLabels());
        ObjectMetaBuilder meta = new ObjectMetaBuilder().withName(name)
                .withNamespace(statefulSet.getMetadata().getNamespace()).withLabels(labels);
        if ("Delete".equals(retentionPolicy(statefulSet, true))) {
            meta.withOwnerReferences(ownerReference(statefulSet));
        }
        return new PersistentVolumeClaimBuilder().withMetadata(meta.build())
                .withSpec(template.getSpec()).build();
    }

    private Pod newPod(StatefulSet statefulSet, int ordinal, String revision) {
        String name = statefulSet.getMetadata().getName() + "-" + ordinal;
        ObjectMeta templateMeta = statefulSet.getSpec().getTemplate().getMetadata();
        Map<String, String> labels = new HashMap<>(Optional.ofNullable(templateMeta.getLabels()).orElse(Map.of()));
        labels.put(POD_NAME_LABEL, name);
        labels.put(POD_INDEX_LABEL, String.valueOf(ordinal));
        labels.put(REVISION_LABEL, revision);
        PodSpec spec = Serialization.clone(statefulSet.getSpec().getTemplate().getSpec());
        spec.setHostname(name);
        spec.setSubdomain(statefulSet.getSpec().getServiceName());
        List<Volume> volumes = new ArrayList<>(Optional.ofNullable(spec.getVolumes()).orElse(List.of()));
        for (PersistentVolumeClaim template : claimTemplates(statefulSet)) {
            volumes.add(new VolumeBuilder().withName(template.getMetadata().getName())
                    .withNewPersistentVolumeClaim(claimName(template, statefulSet, ordinal), false).build());
        }
        spec.setVolumes(volumes);
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(statefulSet.getMetadata().getNamespace())
                .withLabels(labels).withAnnotations(templateMeta.getAnnotations())
                .withOwnerReferences(ownerReference(statefulSet)).endMetadata()
                .withSpec(spec).build();
    }

    private void scaleIn(StatefulSet statefulSet, Map<Integer, Pod> pods, int replicas) {
        String namespace = statefulSet.getMetadata().getNamespace();
        List<Integer> surplus = pods.keySet().stream().filter(ordinal -> ordinal >= replicas)
                .sorted(Comparator.reverseOrder()).toList();
        for (int ordinal : surplus) {
            client.pods().inNamespace(namespace).withName(pods.remove(ordinal).getMetadata().getName()).delete();
            if ("Delete".equals(retentionPolicy(statefulSet, false))) {
                for (PersistentVolumeClaim template : claimTemplates(statefulSet)) {
                    client.persistentVolumeClaims().inNamespace(namespace)
                            .withName(claimName(template, statefulSet, ordinal)).delete();
                }
            }
        }
    }

    private void rollOneOutdatedPod(StatefulSet statefulSet, Map<Integer, Pod> pods, String revision) {
        boolean onDelete = statefulSet.getSpec().getUpdateStrategy() != null
                && "OnDelete".equals(statefulSet.getSpec().getUpdateStrategy().getType());
        if (onDelete || !pods.values().stream().allMatch(Pods::isReady)) {
            return;
        }
        pods.entrySet().stream()
                .filter(entry -> !revision.equals(entry.getValue().getMetadata().getLabels().get(REVISION_LABEL)))
                .max(Map.Entry.comparingByKey())
                .ifPresent(entry -> {
                    LOG.info("Rolling {} to revision {}", entry.getValue().getMetadata().getName(), revision);
                    client.pods().inNamespace(statefulSet.getMetadata().getNamespace())
                            .withName(entry.getValue().getMetadata().getName()).delete();
                    pods.remove(entry.getKey());
                });
    }

    private void writeStatus(StatefulSet statefulSet, Map<Integer, Pod> pods, String revision) {
        int ready = (int) pods.values().stream().filter(Pods::isReady).count();
        int updated = (int) pods.values().stream()
                .filter(pod -> revision.equals(pod.getMetadata().getLabels().get(REVISION_LABEL))).count();
        var status = new StatefulSetStatusBuilder()
                .withObservedGeneration(statefulSet.getMetadata().getGeneration())
                .withReplicas(pods.size()).withReadyReplicas(ready).withAvailableReplicas(ready)
                .withCurrentReplicas(updated).withUpdatedReplicas(updated)
                .withCurrentRevision(revision).withUpdateRevision(revision).build();
        if (!status.equals(statefulSet.getStatus())) {
            statefulSet.setStatus(status);
            client.apps().statefulSets().inNamespace(statefulSet.getMetadata().getNamespace())
                    .resource(statefulSet).updateStatus();
        }
    }

    private Map<Integer, Pod> podsByOrdinal(StatefulSet statefulSet) {
        Map<Integer, Pod> pods = new HashMap<>();
        String prefix = statefulSet.getMetadata().getName() + "-";
        client.pods().inNamespace(statefulSet.getMetadata().getNamespace())
                .withLabels(statefulSet.getSpec().getSelector().getMatchLabels()).list().getItems().stream()
                .filter(pod -> pod.getMetadata().getName().startsWith(prefix))
                .forEach(pod -> ordinalOf(pod.getMetadata().getName().substring(prefix.length()))
                        .ifPresent(ordinal -> pods.put(ordinal, pod)));
        return pods;
    }

    private static Optional<Integer> ordinalOf(String suffix) {
        return suffix.matches("\\d+") ? Optional.of(Integer.parseInt(suffix)) : Optional.empty();
    }

    private static List<PersistentVolumeClaim> claimTemplates(StatefulSet statefulSet) {
        return Optional.ofNullable(statefulSet.getSpec().getVolumeClaimTemplates()).orElse(List.of());
    }

    static String claimName(PersistentVolumeClaim template, StatefulSet statefulSet, int ordinal) {
        return template.getMetadata().getName() + "-" + statefulSet.getMetadata().getName() + "-" + ordinal;
    }

    private static String retentionPolicy(StatefulSet statefulSet, boolean whenDeleted) {
        var policy = statefulSet.getSpec().getPersistentVolumeClaimRetentionPolicy();
        if (policy == null) {
            return "Retain";
        }
        return Optional.ofNullable(whenDeleted ? policy.getWhenDeleted() : policy.getWhenScaled()).orElse("Retain");
    }

    static OwnerReference ownerReference(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    /** Pods of a template revision share this hash, so a changed template (image, config checksum) rolls them. */
    static String revisionOf(StatefulSet statefulSet) {
        try {
            byte[] template = Serialization.asJson(statefulSet.getSpec().getTemplate()).getBytes(StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(template);
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}

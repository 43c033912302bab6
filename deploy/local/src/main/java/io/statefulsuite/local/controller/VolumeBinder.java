package io.statefulsuite.local.controller;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The CSI driver and PV controller in miniature: every pending claim gets a PersistentVolume backed by a local
 * folder and is bound to it; a claim whose request grows is expanded when its StorageClass allows expansion
 * (a class this cluster does not know is treated as expandable, like a default class). Released volumes follow
 * the reclaim policy: folders of Delete volumes are removed with the claim.
 */
public final class VolumeBinder {

    private static final Logger LOG = LoggerFactory.getLogger(VolumeBinder.class);
    private final KubernetesClient client;
    private final Path volumesRoot;

    public VolumeBinder(KubernetesClient client, Path volumesRoot) {
        this.client = client;
        this.volumesRoot = volumesRoot;
    }

    /** The folder that backs a bound claim; pods mount it as their volume. */
    public Path folderOf(PersistentVolumeClaim claim) {
        return volumesRoot.resolve(claim.getMetadata().getNamespace()).resolve(claim.getMetadata().getName());
    }

    public void bindAll() {
        for (PersistentVolumeClaim claim : client.persistentVolumeClaims().inAnyNamespace().list().getItems()) {
            try {
                if (claim.getSpec().getVolumeName() == null) {
                    bind(claim);
                } else {
                    expandIfRequested(claim);
                }
            } catch (KubernetesClientException e) {
                LOG.debug("Claim {} not bound this tick: {}", claim.getMetadata().getName(), e.getMessage());
            }
        }
        releaseVolumesOfDeletedClaims();
    }

    private void bind(PersistentVolumeClaim claim) {
        Quantity size = requested(claim);
        String volumeName = "pvc-" + claim.getMetadata().getUid();
        createFolder(folderOf(claim));
        PersistentVolume volume = new PersistentVolumeBuilder()
                .withNewMetadata().withName(volumeName).endMetadata()
                .withNewSpec()
                .withCapacity(Map.of("storage", size))
                .withAccessModes(claim.getSpec().getAccessModes())
                .withStorageClassName(claim.getSpec().getStorageClassName())
                .withPersistentVolumeReclaimPolicy(reclaimPolicy(claim))
                .withNewHostPath().withPath(folderOf(claim).toString()).endHostPath()
                .withNewClaimRef().withNamespace(claim.getMetadata().getNamespace())
                .withName(claim.getMetadata().getName()).withUid(claim.getMetadata().getUid()).endClaimRef()
                .endSpec()
                .withNewStatus().withPhase("Bound").endStatus()
                .build();
        client.persistentVolumes().resource(volume).create();
        claim.getSpec().setVolumeName(volumeName);
        PersistentVolumeClaim updated = client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace())
                .resource(claim).update();
        writeClaimStatus(updated, size);
        LOG.info("Bound {}/{} to {} ({})", claim.getMetadata().getNamespace(), claim.getMetadata().getName(),
                volumeName, size);
    }

    private void expandIfRequested(PersistentVolumeClaim claim) {
        Quantity requested = requested(claim);
        Quantity capacity = Optional.ofNullable(claim.getStatus()).map(status -> status.getCapacity())
                .map(capacities -> capacities.get("storage")).orElse(null);
        if (capacity == null || requested.getNumericalAmount().compareTo(capacity.getNumericalAmount()) <= 0
                || !expansionAllowed(claim)) {
            return;
        }
        PersistentVolume volume = client.persistentVolumes().withName(claim.getSpec().getVolumeName()).get();
        if (volume != null) {
            volume.getSpec().setCapacity(Map.of("storage", requested));
            client.persistentVolumes().resource(volume).update();
        }
        writeClaimStatus(claim, requested);
        LOG.info("Expanded {}/{} to {}", claim.getMetadata().getNamespace(), claim.getMetadata().getName(), requested);
    }

    private void writeClaimStatus(PersistentVolumeClaim claim, Quantity capacity) {
        claim.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder()
                .withPhase("Bound").withAccessModes(claim.getSpec().getAccessModes())
                .withCapacity(Map.of("storage", capacity)).build());
        client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace()).resource(claim).updateStatus();
    }

    private void releaseVolumesOfDeletedClaims() {
        for (PersistentVolume volume : client.persistentVolumes().list().getItems()) {
            var claimRef = volume.getSpec().getClaimRef();
            if (claimRef == null || client.persistentVolumeClaims().inNamespace(claimRef.getNamespace())
                    .withName(claimRef.getName()).get() != null) {
                continue;
            }
            if ("Delete".equals(volume.getSpec().getPersistentVolumeReclaimPolicy())) {
                deleteFolder(Path.of(volume.getSpec().getHostPath().getPath()));
                client.persistentVolumes().resource(volume).delete();
            }
        }
    }

    private boolean expansionAllowed(PersistentVolumeClaim claim) {
        return storageClass(claim).map(StorageClass::getAllowVolumeExpansion).orElse(true) != Boolean.FALSE;
    }

    private String reclaimPolicy(PersistentVolumeClaim claim) {
        return storageClass(claim).map(StorageClass::getReclaimPolicy).orElse("Delete");
    }

    private Optional<StorageClass> storageClass(PersistentVolumeClaim claim) {
        String name = claim.getSpec().getStorageClassName();
        return name == null ? Optional.empty()
                : Optional.ofNullable(client.storage().v1().storageClasses().withName(name).get());
    }

    private static Quantity requested(PersistentVolumeClaim claim) {
        return claim.getSpec().getResources().getRequests().get("storage");
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteFolder(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", folder, e.getMessage());
        }
    }
}

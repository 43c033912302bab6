package io.statefulsuite.local.node;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Azure Disk CSI driver of the simulated nodes in miniature (its external-provisioner and -resizer, and the disks,
 * which are local folders). It serves claims of a StorageClass whose provisioner is {@value #DRIVER}, and claims of
 * no class (the default class of AKS is such a one): it creates a PersistentVolume in the zone of the node the
 * scheduler selected (at once for an {@code Immediate} class), pre-bound to the claim by its claimRef, and leaves
 * the binding to the PV controller, as the real driver does. It grows a bound claim's volume when the class allows
 * expansion, and deletes the volume (and folder) of a deleted claim when the reclaim policy is Delete. Like the
 * AKS add-on, it brings the built-in classes that name it.
 */
public final class VolumeProvisioner {

    public static final String DRIVER = "disk.csi.azure.com";
    private static final Logger LOG = LoggerFactory.getLogger(VolumeProvisioner.class);
    private final KubernetesClient client;
    private final Path volumesRoot;
    private final Map<String, String> zoneByNode;

    /** @param zoneByNode the simulated nodes and their zones: a claim selected for another node is not ours */
    public VolumeProvisioner(KubernetesClient client, Path volumesRoot, Map<String, String> zoneByNode) {
        this.client = client;
        this.volumesRoot = volumesRoot;
        this.zoneByNode = zoneByNode;
    }

    /**
     * The folder that backs a claim; pods mount it as their volume. Named by the claim's uid too: a claim deleted and
     * made again under its name gets a new disk, and the old one's deletion must not take the new one's data.
     */
    public Path folderOf(PersistentVolumeClaim claim) {
        return volumesRoot.resolve(claim.getMetadata().getNamespace())
                .resolve(claim.getMetadata().getName() + "-" + claim.getMetadata().getUid());
    }

    /**
     * The StorageClasses AKS installs with this driver (managed-csi the default), where they are missing: the
     * provisioner's default class is one of them.
     */
    public VolumeProvisioner installBuiltInClasses() {
        for (StorageClass builtIn : List.of(builtInClass("managed-csi", "StandardSSD_LRS", true),
                builtInClass("managed-csi-premium", "Premium_LRS", false))) {
            try {
                if (client.storage().v1().storageClasses().withName(builtIn.getMetadata().getName()).get() == null) {
                    client.storage().v1().storageClasses().resource(builtIn).create();
                }
            } catch (KubernetesClientException e) {
                LOG.warn("StorageClass {} not installed: {}", builtIn.getMetadata().getName(), e.getMessage());
            }
        }
        return this;
    }

    private static StorageClass builtInClass(String name, String sku, boolean isDefault) {
        return new StorageClassBuilder().withNewMetadata().withName(name)
                .addToLabels("addonmanager.kubernetes.io/mode", "EnsureExists")
                .addToAnnotations("storageclass.kubernetes.io/is-default-class", String.valueOf(isDefault))
                .endMetadata()
                .withProvisioner(DRIVER).addToParameters("skuName", sku).withReclaimPolicy("Delete")
                .withAllowVolumeExpansion(true).withVolumeBindingMode("WaitForFirstConsumer").build();
    }

    public void provisionAll() {
        List<PersistentVolume> volumes = client.persistentVolumes().list().getItems();
        Set<String> provisionedFor = volumes.stream().map(volume -> volume.getSpec().getClaimRef())
                .filter(ref -> ref != null && ref.getUid() != null).map(ref -> ref.getUid()).collect(Collectors.toSet());
        List<PersistentVolumeClaim> claims = client.persistentVolumeClaims().inAnyNamespace().list().getItems();
        for (PersistentVolumeClaim claim : claims) {
            try {
                if (claim.getSpec().getVolumeName() != null) {
                    expandIfRequested(claim);
                } else if (!provisionedFor.contains(claim.getMetadata().getUid())
                        && claim.getMetadata().getDeletionTimestamp() == null) {
                    zoneFor(claim).ifPresent(zone -> provision(claim, zone));
                }
            } catch (KubernetesClientException e) {
                LOG.debug("Claim {} not provisioned this pass: {}", claim.getMetadata().getName(), e.getMessage());
            }
        }
        deleteVolumesOfDeletedClaims(volumes, claims);
    }

    /** The zone to make the claim's disk in, or empty when the claim is not (yet) this driver's to provision. */
    private Optional<String> zoneFor(PersistentVolumeClaim claim) {
        String className = claim.getSpec().getStorageClassName();
        Optional<StorageClass> storageClass = storageClass(className);
        if (className != null && (storageClass.isEmpty() || !DRIVER.equals(storageClass.get().getProvisioner()))) {
            return Optional.empty();
        }
        if (storageClass.isPresent() && "Immediate".equals(storageClass.get().getVolumeBindingMode())) {
            List<String> zones = zoneByNode.values().stream().distinct().sorted().toList();
            return Optional.of(zones.get(Math.floorMod(claim.getMetadata().getUid().hashCode(), zones.size())));
        }
        String selectedNode = Optional.ofNullable(claim.getMetadata().getAnnotations())
                .map(annotations -> annotations.get(PodVolumes.SELECTED_NODE)).orElse(null);
        return Optional.ofNullable(selectedNode).map(zoneByNode::get);
    }

    private void provision(PersistentVolumeClaim claim, String zone) {
        Quantity size = requested(claim);
        createFolder(folderOf(claim));
        PersistentVolume volume = new PersistentVolumeBuilder()
                .withNewMetadata().withName("pvc-" + claim.getMetadata().getUid())
                .addToAnnotations("pv.kubernetes.io/provisioned-by", DRIVER).endMetadata()
                .withNewSpec()
                .withCapacity(Map.of("storage", size))
                .withAccessModes(claim.getSpec().getAccessModes())
                .withStorageClassName(claim.getSpec().getStorageClassName())
                .withPersistentVolumeReclaimPolicy(storageClass(claim.getSpec().getStorageClassName())
                        .map(StorageClass::getReclaimPolicy).orElse("Delete"))
                .withNewHostPath().withPath(folderOf(claim).toString()).endHostPath()
                .withNewClaimRef().withApiVersion("v1").withKind("PersistentVolumeClaim")
                .withNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName())
                .withUid(claim.getMetadata().getUid()).endClaimRef()
                .withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm().addNewMatchExpression()
                .withKey(SimulatedNodes.ZONE_LABEL).withOperator("In").withValues(zone).endMatchExpression()
                .endNodeSelectorTerm().endRequired().endNodeAffinity()
                .endSpec()
                .build();
        client.persistentVolumes().resource(volume).create();
        LOG.info("Provisioned {} in zone {} for {}/{} ({})", volume.getMetadata().getName(), zone,
                claim.getMetadata().getNamespace(), claim.getMetadata().getName(), size);
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
        claim.setStatus(new PersistentVolumeClaimStatusBuilder(claim.getStatus())
                .withCapacity(Map.of("storage", requested)).build());
        client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace()).resource(claim).updateStatus();
        LOG.info("Expanded {}/{} to {}", claim.getMetadata().getNamespace(), claim.getMetadata().getName(), requested);
    }

    private void deleteVolumesOfDeletedClaims(List<PersistentVolume> volumes, List<PersistentVolumeClaim> claims) {
        Set<String> claimUids = claims.stream().map(claim -> claim.getMetadata().getUid()).collect(Collectors.toSet());
        for (PersistentVolume volume : volumes) {
            var claimRef = volume.getSpec().getClaimRef();
            boolean ours = DRIVER.equals(Optional.ofNullable(volume.getMetadata().getAnnotations())
                    .map(annotations -> annotations.get("pv.kubernetes.io/provisioned-by")).orElse(null));
            if (ours && claimRef != null && !claimUids.contains(claimRef.getUid())
                    && "Delete".equals(volume.getSpec().getPersistentVolumeReclaimPolicy())) {
                deleteFolder(Path.of(volume.getSpec().getHostPath().getPath()));
                client.persistentVolumes().resource(volume).delete();
                LOG.info("Deleted {}, whose claim {}/{} is gone", volume.getMetadata().getName(),
                        claimRef.getNamespace(), claimRef.getName());
            }
        }
    }

    private boolean expansionAllowed(PersistentVolumeClaim claim) {
        return storageClass(claim.getSpec().getStorageClassName()).map(StorageClass::getAllowVolumeExpansion)
                .orElse(true) != Boolean.FALSE;
    }

    private Optional<StorageClass> storageClass(String name) {
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
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", folder, e.getMessage());
        }
    }
}

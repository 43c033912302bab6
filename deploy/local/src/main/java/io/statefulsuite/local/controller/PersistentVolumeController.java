package io.statefulsuite.local.controller;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The PV controller of kube-controller-manager, for what the suite needs: a pending claim is bound to the volume a
 * provisioner made for it (its claimRef names the claim), and a volume whose claim is gone becomes Released, for its
 * provisioner to reclaim.
 */
public final class PersistentVolumeController {

    private static final Logger LOG = LoggerFactory.getLogger(PersistentVolumeController.class);
    private final KubernetesClient client;

    public PersistentVolumeController(KubernetesClient client) {
        this.client = client;
    }

    public void bindAll() {
        List<PersistentVolume> volumes = client.persistentVolumes().list().getItems();
        List<PersistentVolumeClaim> claims = client.persistentVolumeClaims().inAnyNamespace().list().getItems();
        for (PersistentVolumeClaim claim : claims) {
            if (claim.getSpec().getVolumeName() == null) {
                volumes.stream().filter(volume -> isFor(volume, claim)).findFirst()
                        .ifPresent(volume -> bind(claim, volume));
            }
        }
        Set<String> claimUids = claims.stream().map(claim -> claim.getMetadata().getUid()).collect(Collectors.toSet());
        volumes.stream().filter(volume -> volume.getSpec().getClaimRef() != null
                        && !claimUids.contains(volume.getSpec().getClaimRef().getUid()))
                .filter(volume -> !"Released".equals(phaseOf(volume)))
                .forEach(volume -> writePhase(volume, "Released"));
    }

    private void bind(PersistentVolumeClaim claim, PersistentVolume volume) {
        String namespace = claim.getMetadata().getNamespace();
        try {
            PersistentVolumeClaim bound = client.persistentVolumeClaims().inNamespace(namespace)
                    .resource(new PersistentVolumeClaimBuilder(claim).editMetadata()
                            .addToAnnotations("pv.kubernetes.io/bind-completed", "yes").endMetadata()
                            .editSpec().withVolumeName(volume.getMetadata().getName()).endSpec().build())
                    .update();
            bound.setStatus(new PersistentVolumeClaimStatusBuilder().withPhase("Bound")
                    .withAccessModes(volume.getSpec().getAccessModes()).withCapacity(volume.getSpec().getCapacity())
                    .build());
            client.persistentVolumeClaims().inNamespace(namespace).resource(bound).updateStatus();
            writePhase(volume, "Bound");
            LOG.info("Bound {}/{} to {}", namespace, claim.getMetadata().getName(), volume.getMetadata().getName());
        } catch (KubernetesClientException e) {
            LOG.debug("Claim {} not bound this pass: {}", claim.getMetadata().getName(), e.getMessage());
        }
    }

    private void writePhase(PersistentVolume volume, String phase) {
        try {
            volume.setStatus(new PersistentVolumeStatusBuilder().withPhase(phase).build());
            client.persistentVolumes().resource(volume).updateStatus();
        } catch (KubernetesClientException e) {
            LOG.debug("Volume {} not marked {} this pass: {}", volume.getMetadata().getName(), phase, e.getMessage());
        }
    }

    private static boolean isFor(PersistentVolume volume, PersistentVolumeClaim claim) {
        var ref = volume.getSpec().getClaimRef();
        return ref != null && Objects.equals(ref.getUid(), claim.getMetadata().getUid())
                && Objects.equals(ref.getName(), claim.getMetadata().getName())
                && Objects.equals(ref.getNamespace(), claim.getMetadata().getNamespace());
    }

    private static String phaseOf(PersistentVolume volume) {
        return Optional.ofNullable(volume.getStatus()).map(status -> status.getPhase()).orElse("Pending");
    }
}

package io.statefulsuite.provisioner.manifests;

import io.statefulsuite.provisioner.domain.KubernetesSyntax;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirements;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What applying a rendered StatefulSet over the live one takes. The API server refuses changes to a
 * StatefulSet's selector, serviceName, podManagementPolicy and volumeClaimTemplates (422), so a bigger volume
 * means: grow each PVC, then replace the StatefulSet without deleting its pods (orphan cascade) — the pods and
 * their claims stay, the new StatefulSet adopts them.
 */
public final class StatefulSetUpdate {

    /** How the live StatefulSet gets to the rendered one. */
    public enum Kind {
        /** Nothing the API server refuses: apply it. */
        IN_PLACE,
        /** An immutable field differs: delete with propagationPolicy=Orphan, then create. */
        RECREATE_ORPHANING_PODS
    }

    private static final String STORAGE = "storage";

    private StatefulSetUpdate() {
    }

    public static Kind classify(StatefulSet live, StatefulSet desired) {
        StatefulSetSpec a = live.getSpec();
        StatefulSetSpec b = desired.getSpec();
        boolean immutableChanged = !Objects.equals(a.getSelector().getMatchLabels(), b.getSelector().getMatchLabels())
                || !Objects.equals(a.getServiceName(), b.getServiceName())
                || !Objects.equals(a.getPodManagementPolicy(), b.getPodManagementPolicy())
                || !sameClaims(a.getVolumeClaimTemplates(), b.getVolumeClaimTemplates());
        return immutableChanged ? Kind.RECREATE_ORPHANING_PODS : Kind.IN_PLACE;
    }

    /** Whether the rendered claim template asks for more storage than the live one. */
    public static boolean growsVolumes(StatefulSet live, StatefulSet desired) {
        return desiredSize(desired).map(size -> live.getSpec().getVolumeClaimTemplates().stream()
                .anyMatch(claim -> needsExpansion(claim, size))).orElse(false);
    }

    /** Whether claims of this class may grow: Kubernetes refuses a bigger request unless allowVolumeExpansion is true. */
    public static boolean allowsExpansion(StorageClass storageClass) {
        return Boolean.TRUE.equals(storageClass.getAllowVolumeExpansion());
    }

    /**
     * The rendered StatefulSet with the live claim templates: everything else still applies while the volumes
     * keep their size (when their class does not let them grow).
     */
    public static StatefulSet keepingClaims(StatefulSet live, StatefulSet desired) {
        return new StatefulSetBuilder(desired).editSpec()
                .withVolumeClaimTemplates(desired.getSpec().getVolumeClaimTemplates().stream()
                        .map(claim -> new PersistentVolumeClaimBuilder(claim).editSpec().editResources()
                                .addToRequests(STORAGE, liveRequest(live, claim)).endResources().endSpec().build())
                        .toList())
                .endSpec().build();
    }

    /** The storage the rendered claim template asks for. */
    public static Optional<String> desiredSize(StatefulSet desired) {
        return desired.getSpec().getVolumeClaimTemplates().stream().findFirst().flatMap(StatefulSetUpdate::storageRequest);
    }

    private static Quantity liveRequest(StatefulSet live, PersistentVolumeClaim desiredClaim) {
        return live.getSpec().getVolumeClaimTemplates().stream()
                .filter(claim -> Objects.equals(claim.getMetadata().getName(), desiredClaim.getMetadata().getName()))
                .findFirst().flatMap(StatefulSetUpdate::storageRequest).map(Quantity::new)
                .orElseGet(() -> desiredClaim.getSpec().getResources().getRequests().get(STORAGE));
    }

    /** Whether a live claim asks for less than {@code desiredSize} and must be grown (volume expansion). */
    public static boolean needsExpansion(PersistentVolumeClaim claim, String desiredSize) {
        Optional<BigDecimal> requested = storageRequest(claim).flatMap(KubernetesSyntax::quantity);
        BigDecimal desired = KubernetesSyntax.quantity(desiredSize)
                .orElseThrow(() -> new IllegalArgumentException("not a quantity: " + desiredSize));
        return requested.map(current -> current.compareTo(desired) < 0).orElse(true);
    }

    /** Compares only what the renderer sets; the API server fills in more (volumeMode, status). */
    private static boolean sameClaims(List<PersistentVolumeClaim> live, List<PersistentVolumeClaim> desired) {
        if (live.size() != desired.size()) {
            return false;
        }
        for (int i = 0; i < live.size(); i++) {
            PersistentVolumeClaim a = live.get(i);
            PersistentVolumeClaim b = desired.get(i);
            boolean same = Objects.equals(a.getMetadata().getName(), b.getMetadata().getName())
                    && Objects.equals(a.getSpec().getStorageClassName(), b.getSpec().getStorageClassName())
                    && Objects.equals(a.getSpec().getAccessModes(), b.getSpec().getAccessModes())
                    && sameQuantity(storageRequest(a), storageRequest(b));
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** 20Gi and 21474836480 are the same request. */
    private static boolean sameQuantity(Optional<String> a, Optional<String> b) {
        Optional<BigDecimal> x = a.flatMap(KubernetesSyntax::quantity);
        Optional<BigDecimal> y = b.flatMap(KubernetesSyntax::quantity);
        return x.isPresent() && y.isPresent() ? x.get().compareTo(y.get()) == 0 : a.equals(b);
    }

    private static Optional<String> storageRequest(PersistentVolumeClaim claim) {
        return Optional.ofNullable(claim.getSpec().getResources())
                .map(VolumeResourceRequirements::getRequests)
                .map(requests -> requests.get(STORAGE))
                .map(Quantity::toString);
    }
}

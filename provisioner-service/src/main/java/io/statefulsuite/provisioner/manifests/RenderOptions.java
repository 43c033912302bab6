package io.statefulsuite.provisioner.manifests;

/**
 * Choices that are not part of the spec but of the request that renders it.
 *
 * @param deleteVolumesWithCluster true: the PVCs go when the StatefulSets are deleted
 *                                 ({@code persistentVolumeClaimRetentionPolicy.whenDeleted: Delete});
 *                                 false (default): they are kept, and a re-created cluster finds its data
 */
public record RenderOptions(boolean deleteVolumesWithCluster) {

    public static final RenderOptions DEFAULTS = new RenderOptions(false);
}

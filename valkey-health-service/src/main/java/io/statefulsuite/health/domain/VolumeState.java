package io.statefulsuite.health.domain;

/** Where a node's {@code /data} lives: a PVC (and its phase) or an ephemeral volume. Null on a target = unknown. */
public record VolumeState(String claimName, String phase) {

    public static VolumeState ephemeral() {
        return new VolumeState(null, null);
    }

    public boolean persistent() {
        return claimName != null;
    }

    public boolean bound() {
        return "Bound".equals(phase);
    }
}

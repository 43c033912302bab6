package io.statefulsuite.secretssync.domain;

import java.util.Arrays;
import java.util.Optional;

/** The target's life-cycle choices, with their defaults. */
public final class Policies {

    private Policies() {
    }

    public enum CreationPolicy { Owner, Orphan, Merge }

    public enum DeletionPolicy { Retain, Delete }

    public enum MergePolicy { Replace, Merge }

    public static Optional<CreationPolicy> creation(String value) {
        return parse(CreationPolicy.class, value, CreationPolicy.Owner);
    }

    public static Optional<DeletionPolicy> deletion(String value) {
        return parse(DeletionPolicy.class, value, DeletionPolicy.Retain);
    }

    public static Optional<MergePolicy> merge(String value) {
        return parse(MergePolicy.class, value, MergePolicy.Replace);
    }

    public static CreationPolicy creationOf(SecretSyncSpec spec) {
        return creation(spec.target().creationPolicy()).orElseThrow();
    }

    public static DeletionPolicy deletionOf(SecretSyncSpec spec) {
        return deletion(spec.target().deletionPolicy()).orElseThrow();
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value, E fallback) {
        if (value == null || value.isEmpty()) {
            return Optional.of(fallback);
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(value)).findFirst();
    }
}

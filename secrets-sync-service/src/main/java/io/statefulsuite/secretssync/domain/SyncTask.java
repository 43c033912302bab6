package io.statefulsuite.secretssync.domain;

import java.time.Instant;
import java.util.Comparator;

/**
 * A sync waiting to run. New or changed SecretSyncs (and explicit requests) go ahead of routine refreshes;
 * within a class, the earliest due runs first.
 */
public record SyncTask(SyncKey key, Priority priority, Instant due) implements Comparable<SyncTask> {

    public enum Priority { URGENT, ROUTINE }

    private static final Comparator<SyncTask> ORDER = Comparator.comparing(SyncTask::priority)
            .thenComparing(SyncTask::due)
            .thenComparing(task -> task.key().toString());

    @Override
    public int compareTo(SyncTask other) {
        return ORDER.compare(this, other);
    }
}

package io.statefulsuite.secretssync.sync;

import java.util.Map;

/**
 * What one sync did. result: synced (target written), unchanged, failed; reason: the Ready reason;
 * versions: vault secret → version id used (never values).
 */
public record SyncOutcome(String result, String reason, String message, String target, Map<String, String> versions) {

    /** Reason of a sync that was not run because its lane's queue was full. */
    public static final String OVERLOADED = "Overloaded";


    public static final String SYNCED = "synced";
    public static final String UNCHANGED = "unchanged";
    public static final String FAILED = "failed";

    static SyncOutcome failed(String reason, String message, String target) {
        return new SyncOutcome(FAILED, reason, message, target, Map.of());
    }
}

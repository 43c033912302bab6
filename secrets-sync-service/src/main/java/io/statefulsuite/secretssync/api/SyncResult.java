package io.statefulsuite.secretssync.api;

import io.statefulsuite.secretssync.sync.SyncOutcome;

import java.util.Map;

/** Answer of {@code POST …:sync}: synced | unchanged | failed, why, and the vault version ids used. */
public record SyncResult(String outcome, String reason, String message, String target, Map<String, String> versions,
                         long durationMs) {

    static SyncResult of(SyncOutcome outcome, long durationMs) {
        return new SyncResult(outcome.result(), outcome.reason(), outcome.message(), outcome.target(),
                outcome.versions(), durationMs);
    }
}

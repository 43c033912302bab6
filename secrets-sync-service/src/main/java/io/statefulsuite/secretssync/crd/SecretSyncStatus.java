package io.statefulsuite.secretssync.crd;

import io.statefulsuite.secretssync.domain.SyncedVersion;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.List;

/** What the service observed and did; holds version ids and a hash, never secret values. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretSyncStatus(Long observedGeneration, String observedSpecHash, List<Condition> conditions,
                               String lastSyncTime, List<SyncedVersion> syncedVersions, String targetDataHash) {

    public static final SecretSyncStatus EMPTY = new SecretSyncStatus(null, null, null, null, null, null);

    public List<SyncedVersion> syncedVersionsOrEmpty() {
        return syncedVersions == null ? List.of() : syncedVersions;
    }

    public List<Condition> conditionsOrEmpty() {
        return conditions == null ? List.of() : conditions;
    }
}

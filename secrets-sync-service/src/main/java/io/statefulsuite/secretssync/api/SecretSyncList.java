package io.statefulsuite.secretssync.api;

import java.util.List;

/** A list of SecretSyncs. */
public record SecretSyncList(List<SecretSyncView> items) {
}

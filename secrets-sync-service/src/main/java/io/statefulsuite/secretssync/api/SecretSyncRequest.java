package io.statefulsuite.secretssync.api;

import io.statefulsuite.secretssync.domain.SecretSyncSpec;

import java.util.Map;

/** Body of {@code PUT …/secret-syncs/{name}}: labels of the SecretSync and its spec. */
public record SecretSyncRequest(Map<String, String> labels, SecretSyncSpec spec) {
}

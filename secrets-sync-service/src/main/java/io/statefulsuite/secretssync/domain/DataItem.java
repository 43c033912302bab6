package io.statefulsuite.secretssync.domain;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** One target key filled from one vault secret. */
public record DataItem(
        @Required @JsonPropertyDescription("Key in the target Secret.") String secretKey,
        @Required RemoteRef remoteRef) {
}

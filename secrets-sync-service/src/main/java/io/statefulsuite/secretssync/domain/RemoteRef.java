package io.statefulsuite.secretssync.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A vault secret (latest or pinned version), optionally one property of its JSON value, and how to decode it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RemoteRef(
        @Required @JsonPropertyDescription("Vault secret name.") String name,
        @JsonPropertyDescription("Pinned version id; latest when absent.") String version,
        @JsonPropertyDescription("Field of a JSON secret value to extract (dots descend into objects).") String property,
        @JsonPropertyDescription("None (default), Base64 (also base64url) or Auto (decode when it is base64).")
        String decodingStrategy) {
}

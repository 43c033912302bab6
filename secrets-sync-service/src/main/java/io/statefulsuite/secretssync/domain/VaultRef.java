package io.statefulsuite.secretssync.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

import java.util.Locale;

/** A vault and, optionally, the client id of the workload identity to reach it with (default: the service's). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VaultRef(
        @Required @JsonPropertyDescription("Vault URL, e.g. https://my-vault.vault.azure.net") String url,
        @JsonPropertyDescription("Client id of the managed/workload identity to use instead of the service's own.")
        String identityClientId) {

    /** A vault URL in the form used to compare and key vaults: lower case, no trailing slash. */
    public static String normalise(String url) {
        return url.replaceAll("/+$", "").toLowerCase(Locale.ROOT);
    }
}

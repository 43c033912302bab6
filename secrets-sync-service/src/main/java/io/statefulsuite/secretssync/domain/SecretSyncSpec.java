package io.statefulsuite.secretssync.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

import java.util.List;

/** What a SecretSync asks for: which vault secrets end up under which keys of which Kubernetes Secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretSyncSpec(
        @Required @JsonPropertyDescription("The Key Vault to read from.") VaultRef vault,
        @JsonPropertyDescription("Single vault secrets mapped to target keys.") List<DataItem> data,
        @JsonPropertyDescription("Many keys at once: vault secrets found by name/tags, or a JSON secret expanded.")
        List<DataFromItem> dataFrom,
        @Required @JsonPropertyDescription("The Kubernetes Secret to write.") Target target,
        @JsonPropertyDescription("How often to re-check the vault, e.g. 1h, 15m, 90s; 0 syncs once. Default 1h.")
        String refreshInterval) {

    public List<DataItem> dataOrEmpty() {
        return data == null ? List.of() : data;
    }

    public List<DataFromItem> dataFromOrEmpty() {
        return dataFrom == null ? List.of() : dataFrom;
    }
}

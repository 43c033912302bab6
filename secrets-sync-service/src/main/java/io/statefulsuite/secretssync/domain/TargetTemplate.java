package io.statefulsuite.secretssync.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Map;

/** Keys rendered from templates such as {@code requirepass {{ .password }}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetTemplate(
        @JsonPropertyDescription("Target key -> template. {{ .key }} or {{ index . \"key.with.dots\" }}, optional "
                + "| b64enc | b64dec | trim | upper | lower.") Map<String, String> data,
        @JsonPropertyDescription("Replace (default: only templated keys are written) or Merge (raw keys too).")
        String mergePolicy) {

    public Map<String, String> dataOrEmpty() {
        return data == null ? Map.of() : data;
    }
}

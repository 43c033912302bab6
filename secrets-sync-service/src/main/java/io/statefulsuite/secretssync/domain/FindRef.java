package io.statefulsuite.secretssync.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/** Selects vault secrets by a name regex (whole-name match) and/or tags (all must match). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FindRef(String nameRegex, Map<String, String> tags, String decodingStrategy) {

    public Map<String, String> tagsOrEmpty() {
        return tags == null ? Map.of() : tags;
    }
}

package io.statefulsuite.secretssync.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

/** Exactly one of {@code find} or {@code extract}, plus optional key rewrites. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataFromItem(
        @JsonPropertyDescription("Every vault secret whose name matches and which carries all the tags; keys are the names.")
        FindRef find,
        @JsonPropertyDescription("A JSON object secret whose top-level fields become keys.") ExtractRef extract,
        @JsonPropertyDescription("Regex replacements applied to the resulting keys, in order.") List<Rewrite> rewrite) {

    public List<Rewrite> rewriteOrEmpty() {
        return rewrite == null ? List.of() : rewrite;
    }
}

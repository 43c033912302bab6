package io.statefulsuite.secretssync.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A vault secret holding a JSON object; each top-level field becomes a key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExtractRef(@Required String name, String version, String decodingStrategy) {
}

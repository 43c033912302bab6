package io.statefulsuite.secretssync.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Map;

/** The Kubernetes Secret written, and what happens to it over its life. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Target(
        @JsonPropertyDescription("Secret name; defaults to the SecretSync's name.") String name,
        @JsonPropertyDescription("Secret type, default Opaque; kubernetes.io/tls and kubernetes.io/dockerconfigjson "
                + "require their keys.") String type,
        Map<String, String> labels,
        Map<String, String> annotations,
        @JsonPropertyDescription("Owner (default: created, owned and garbage-collected with the SecretSync), Orphan "
                + "(created, left behind), Merge (only our keys are written into an existing Secret).")
        String creationPolicy,
        @JsonPropertyDescription("What a secret removed from the vault does to the target: Retain (default) or Delete.")
        String deletionPolicy,
        @JsonPropertyDescription("Create the Secret immutable (changes recreate it).") Boolean immutable,
        TargetTemplate template) {

    public Map<String, String> labelsOrEmpty() {
        return labels == null ? Map.of() : labels;
    }

    public Map<String, String> annotationsOrEmpty() {
        return annotations == null ? Map.of() : annotations;
    }
}

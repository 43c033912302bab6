package io.statefulsuite.secretssync.domain;

import io.fabric8.generator.annotation.Required;

/** Replaces every match of {@code source} in a key by {@code target} ($1 etc. refer to groups). */
public record Rewrite(@Required String source, @Required String target) {
}

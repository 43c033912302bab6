package io.statefulsuite.secretssync.domain;

import java.util.Map;

/** One entry of a vault listing: what a list call tells without reading any value. */
public record VaultItem(String name, boolean enabled, long updated, Map<String, String> tags) {

    public VaultItem {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }
}

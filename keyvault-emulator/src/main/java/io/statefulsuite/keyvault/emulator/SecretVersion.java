package io.statefulsuite.keyvault.emulator;

import java.time.Instant;
import java.util.Map;

/** One immutable version of a secret; {@link #withUpdate} yields the version after a PATCH. */
public record SecretVersion(String name, String version, String value, String contentType, Map<String, String> tags,
                            boolean enabled, Instant created, Instant updated, Instant notBefore, Instant expires) {

    public SecretVersion {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    SecretVersion withUpdate(SecretUpdate update, Instant now) {
        return new SecretVersion(name, version, value,
                update.contentType() != null ? update.contentType() : contentType,
                update.tags() != null ? update.tags() : tags,
                update.enabled() != null ? update.enabled() : enabled,
                created, now,
                update.notBefore() != null ? update.notBefore() : notBefore,
                update.expires() != null ? update.expires() : expires);
    }
}

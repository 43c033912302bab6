package io.statefulsuite.keyvault.emulator;

import java.time.Instant;
import java.util.Map;

/** The changeable parts of a secret (PUT body without the value, or a PATCH body); null means "unchanged". */
public record SecretUpdate(String contentType, Map<String, String> tags, Boolean enabled, Instant notBefore,
                           Instant expires) {

    public static SecretUpdate tags(Map<String, String> tags) {
        return new SecretUpdate(null, tags, null, null, null);
    }
}

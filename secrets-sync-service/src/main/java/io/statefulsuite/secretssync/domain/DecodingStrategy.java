package io.statefulsuite.secretssync.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/** How a vault string becomes the bytes of a Secret key. */
public enum DecodingStrategy {
    /** The string's UTF-8 bytes. */
    None,
    /** Standard or URL-safe base64, padded or not; anything else is an error. */
    Base64,
    /** Base64 when the string is valid base64 (of at least 4 characters), else as {@link #None}. */
    Auto;

    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]+={0,2}");

    public static Optional<DecodingStrategy> parse(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(None);
        }
        return Arrays.stream(values()).filter(s -> s.name().equals(value)).findFirst();
    }

    /** The decoded bytes, or empty when {@link #Base64} meets something that is not base64. */
    public Optional<byte[]> decode(String value) {
        return switch (this) {
            case None -> Optional.of(value.getBytes(StandardCharsets.UTF_8));
            case Base64 -> base64(value);
            case Auto -> value.length() >= 4 ? base64(value).or(() -> None.decode(value)) : None.decode(value);
        };
    }

    private static Optional<byte[]> base64(String value) {
        String trimmed = value.strip();
        if (!BASE64.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        try {
            boolean urlSafe = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0;
            return Optional.of((urlSafe ? java.util.Base64.getUrlDecoder() : java.util.Base64.getDecoder())
                    .decode(trimmed));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

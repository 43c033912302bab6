package io.statefulsuite.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading a bearer token from an Authorization header (RFC 6750) and naming it without keeping it. */
final class BearerToken {

    /** Scheme case-insensitive, then a token68: what ServiceAccount tokens and JWTs are made of. */
    private static final Pattern BEARER = Pattern.compile("(?i)bearer +([A-Za-z0-9\\-._~+/]+=*) *");

    private BearerToken() {
    }

    static Optional<String> from(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher matcher = BEARER.matcher(authorization);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The cache key of a token: its SHA-256, so no token is held in memory longer than its request. */
    static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}

package io.statefulsuite.auth;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What can be said about an unreadable body without echoing it: where the parser stopped, a duplicated key, or which
 * parser limit (nesting depth, number or string length) was exceeded. Never the text found there, which may be a
 * secret.
 */
public final class JsonErrors {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.{1,253})'");

    private JsonErrors() {
    }

    /** One offending field (or {@code body}) and the rule it breaks, for a service's own problem type. */
    public record BodyError(String field, String rule, String message) {
    }

    public static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    public static BodyError bodyError(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            // Jackson's message names the limit and its value, never the input
            return new BodyError("body", "limits", e.getOriginalMessage());
        }
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.matches()) {
            return new BodyError(duplicate.group(1), "duplicate-key",
                    duplicate.group(1) + " appears twice in one object");
        }
        return new BodyError("body", "json", "well-formed JSON (RFC 8259)");
    }
}

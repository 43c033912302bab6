package io.statefulsuite.secretssync.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The bytes a target Secret should hold, by key; compared by content. {@link #toString()} shows keys only. */
public final class TargetData {

    private final SortedMap<String, byte[]> entries;

    public TargetData(Map<String, byte[]> entries) {
        this.entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    /** From a Kubernetes Secret's {@code data} (base64 values). */
    public static TargetData fromBase64(Map<String, String> data) {
        Map<String, byte[]> decoded = new TreeMap<>();
        if (data != null) {
            data.forEach((key, value) -> decoded.put(key, Base64.getDecoder().decode(value)));
        }
        return new TargetData(decoded);
    }

    public SortedMap<String, byte[]> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Map<String, String> toBase64() {
        Map<String, String> encoded = new LinkedHashMap<>();
        entries.forEach((key, value) -> encoded.put(key, Base64.getEncoder().encodeToString(value)));
        return encoded;
    }

    /** {@code sha256:<hex>} over keys and values, stable across runs; safe to publish (it reveals no value). */
    public String hash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            entries.forEach((key, value) -> {
                digest.update(key.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Integer.toString(value.length).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(value);
            });
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TargetData that) || !entries.keySet().equals(that.entries.keySet())) {
            return false;
        }
        return entries.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), that.entries.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return hash().hashCode();
    }

    @Override
    public String toString() {
        return "TargetData" + entries.keySet();
    }
}

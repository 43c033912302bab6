package io.statefulsuite.secretssync.domain;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Random passwords: a length and a named character set; every class of the set appears at least once (so
 * "complexity" rules of consumers hold).
 */
public record PasswordPolicy(int length, Charset charset) {

    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 256;
    public static final int DEFAULT_LENGTH = 32;

    public enum Charset {
        ALPHANUMERIC("alphanumeric", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz", "0123456789"),
        /** Symbols that need no quoting in shell, URLs, valkey.conf or YAML. */
        ALPHANUMERIC_SYMBOLS("alphanumeric-symbols", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz",
                "0123456789", "-_.~+="),
        HEX("hex", "0123456789abcdef");

        private final String label;
        private final List<String> classes;

        Charset(String label, String... classes) {
            this.label = label;
            this.classes = List.of(classes);
        }

        public String label() {
            return label;
        }

        public static Optional<Charset> parse(String label) {
            if (label == null || label.isEmpty()) {
                return Optional.of(ALPHANUMERIC);
            }
            for (Charset charset : values()) {
                if (charset.label.equals(label)) {
                    return Optional.of(charset);
                }
            }
            return Optional.empty();
        }
    }

    public String generate(SecureRandom random) {
        List<Character> chars = new ArrayList<>(length);
        String all = String.join("", charset.classes);
        for (String characterClass : charset.classes) {
            chars.add(characterClass.charAt(random.nextInt(characterClass.length())));
        }
        while (chars.size() < length) {
            chars.add(all.charAt(random.nextInt(all.length())));
        }
        Collections.shuffle(chars, random);
        StringBuilder password = new StringBuilder(length);
        chars.forEach(password::append);
        return password.toString();
    }
}

package io.statefulsuite.secretssync.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately small, safe template language for Secret values: literal text with {@code {{ .key }}} or
 * {@code {{ index . "key.with.dots" }}} actions, each optionally piped through {@code b64enc}, {@code b64dec},
 * {@code trim}, {@code upper}, {@code lower}. No loops, no conditionals, no access to anything but the keys.
 */
public final class Template {

    private static final Pattern ACTION = Pattern.compile(
            "\\s*(?:\\.([A-Za-z0-9_-]+)|index\\s+\\.\\s+\"([-._A-Za-z0-9]+)\")\\s*((?:\\|\\s*[a-z0-9]+\\s*)*)");
    private static final List<String> FUNCTIONS = List.of("b64enc", "b64dec", "trim", "upper", "lower");

    private sealed interface Part permits Literal, Lookup {
    }

    private record Literal(String text) implements Part {
    }

    private record Lookup(String key, List<String> pipeline) implements Part {
    }

    /** Why a template cannot be parsed or rendered; never includes a value. */
    public static final class TemplateException extends Exception {
        public TemplateException(String message) {
            super(message, null, false, false);
        }
    }

    private final List<Part> parts;

    private Template(List<Part> parts) {
        this.parts = parts;
    }

    public static Template parse(String source) throws TemplateException {
        List<Part> parts = new ArrayList<>();
        int position = 0;
        while (position < source.length()) {
            int open = source.indexOf("{{", position);
            int strayClose = source.indexOf("}}", position);
            if (open < 0) {
                if (strayClose >= 0) {
                    throw new TemplateException("'}}' at offset " + strayClose + " has no matching '{{'");
                }
                parts.add(new Literal(source.substring(position)));
                break;
            }
            if (strayClose >= 0 && strayClose < open) {
                throw new TemplateException("'}}' at offset " + strayClose + " has no matching '{{'");
            }
            int close = source.indexOf("}}", open + 2);
            if (close < 0) {
                throw new TemplateException("'{{' at offset " + open + " is never closed");
            }
            parts.add(new Literal(source.substring(position, open)));
            parts.add(lookup(source.substring(open + 2, close), open));
            position = close + 2;
        }
        return new Template(parts);
    }

    /** Keys the template reads. */
    public List<String> keys() {
        return parts.stream().filter(Lookup.class::isInstance).map(p -> ((Lookup) p).key()).toList();
    }

    public byte[] render(Map<String, byte[]> data) throws TemplateException {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Lookup lookup) {
                byte[] value = Optional.ofNullable(data.get(lookup.key()))
                        .orElseThrow(() -> new TemplateException("key '" + lookup.key() + "' has no value"));
                out.append(apply(lookup, new String(value, StandardCharsets.UTF_8)));
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Lookup lookup(String action, int offset) throws TemplateException {
        Matcher matcher = ACTION.matcher(action);
        if (!matcher.matches()) {
            throw new TemplateException("action at offset " + offset + " must be '.key' or 'index . \"key\"', "
                    + "optionally followed by | " + String.join(" | ", FUNCTIONS));
        }
        List<String> pipeline = new ArrayList<>();
        for (String function : matcher.group(3).split("\\|")) {
            String name = function.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!FUNCTIONS.contains(name)) {
                throw new TemplateException("unknown function '" + name + "' at offset " + offset + "; known: "
                        + String.join(", ", FUNCTIONS));
            }
            pipeline.add(name);
        }
        return new Lookup(matcher.group(1) != null ? matcher.group(1) : matcher.group(2), pipeline);
    }

    private static String apply(Lookup lookup, String value) throws TemplateException {
        String result = value;
        for (String function : lookup.pipeline()) {
            result = switch (function) {
                case "b64enc" -> Base64.getEncoder().encodeToString(result.getBytes(StandardCharsets.UTF_8));
                case "b64dec" -> b64dec(lookup.key(), result);
                case "trim" -> result.strip();
                case "upper" -> result.toUpperCase(Locale.ROOT);
                case "lower" -> result.toLowerCase(Locale.ROOT);
                default -> throw new IllegalStateException("unreachable: functions are checked at parse time");
            };
        }
        return result;
    }

    private static String b64dec(String key, String value) throws TemplateException {
        return new String(DecodingStrategy.Base64.decode(value)
                .orElseThrow(() -> new TemplateException("b64dec: key '" + key + "' is not base64")),
                StandardCharsets.UTF_8);
    }
}

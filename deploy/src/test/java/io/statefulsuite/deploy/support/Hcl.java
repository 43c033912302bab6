package io.statefulsuite.deploy.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough HCL reading for checks without a terraform binary: top-level blocks with their labels and body,
 * and a body's own attributes (not those of nested blocks).
 */
public final class Hcl {

    /** A top-level block such as {@code resource "azurerm_key_vault" "suite" { ... }}. */
    public record Block(String type, List<String> labels, String body, Path file) {

        /** Attributes directly in this block (depth 1), raw expression text by name. */
        public Map<String, String> attributes() {
            return attributesAtDepth(body, 0);
        }

        /** Attributes of the first nested block of that name, e.g. {@code default_node_pool}. */
        public Map<String, String> nested(String name) {
            Matcher start = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s*\\{").matcher(body);
            if (!start.find()) {
                return Map.of();
            }
            return attributesAtDepth(body.substring(start.end(), closingBrace(body, start.end() - 1)), 0);
        }

        public String label(int index) {
            return labels.get(index);
        }
    }

    private static final Pattern BLOCK_START = Pattern.compile("(?m)^(\\w+)((?:\\s+\"[^\"]*\")*)\\s*\\{");
    private static final Pattern LABEL = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern ATTRIBUTE = Pattern.compile("^\\s*([\\w-]+)\\s*=\\s*(.*)$");

    private Hcl() {
    }

    public static List<Block> blocks(List<Path> files) {
        List<Block> blocks = new ArrayList<>();
        for (Path file : files) {
            String text = Repo.read(file);
            Matcher start = BLOCK_START.matcher(text);
            int from = 0;
            while (start.find(from)) {
                List<String> labels = new ArrayList<>();
                Matcher label = LABEL.matcher(start.group(2));
                while (label.find()) {
                    labels.add(label.group(1));
                }
                int open = start.end() - 1;
                int close = closingBrace(text, open);
                blocks.add(new Block(start.group(1), labels, text.substring(open + 1, close), file));
                from = close + 1;
            }
        }
        return blocks;
    }

    static int closingBrace(String text, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && text.charAt(i - 1) != '\\') {
                inString = !inString;
            } else if (!inString && c == '{') {
                depth++;
            } else if (!inString && c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("Unbalanced braces after offset " + open);
    }

    private static Map<String, String> attributesAtDepth(String body, int wanted) {
        Map<String, String> attributes = new LinkedHashMap<>();
        int depth = 0;
        for (String line : body.split("\n")) {
            Matcher attribute = ATTRIBUTE.matcher(line);
            if (depth == wanted && attribute.matches()) {
                attributes.put(attribute.group(1), attribute.group(2).trim());
            }
            depth += count(line, '{') + count(line, '[') - count(line, '}') - count(line, ']');
        }
        return attributes;
    }

    private static int count(String line, char c) {
        String code = line.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        return (int) code.chars().filter(ch -> ch == c).count();
    }
}

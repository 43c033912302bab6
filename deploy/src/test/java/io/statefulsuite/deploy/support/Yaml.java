package io.statefulsuite.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Multi-document YAML as Jackson trees. */
public final class Yaml {

    public static final ObjectMapper MAPPER = new YAMLMapper();

    private Yaml() {
    }

    /** The non-empty documents of a file; a syntax error is an exception naming the file. */
    public static List<JsonNode> documents(Path file) {
        try (MappingIterator<JsonNode> docs = MAPPER.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> result = new ArrayList<>();
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    result.add(doc);
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    public static JsonNode single(Path file) {
        List<JsonNode> docs = documents(file);
        if (docs.size() != 1) {
            throw new IllegalStateException(file + " should hold one YAML document, holds " + docs.size());
        }
        return docs.get(0);
    }

    public static List<ObjectNode> objects(Path file) {
        return documents(file).stream().map(doc -> {
            if (!doc.isObject()) {
                throw new IllegalStateException(file + " holds a document that is not a mapping");
            }
            return (ObjectNode) doc;
        }).toList();
    }

    public static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}

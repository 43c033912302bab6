package io.statefulsuite.secretssync.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns a spec plus vault values into target data: data[] with property extraction and decoding, dataFrom
 * find/extract with key rewrites, then the template. Error messages name fields and vault secrets, never values.
 */
public final class TargetDataRenderer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TargetDataRenderer() {
    }

    /** Why rendering failed, naming the spec field responsible. */
    public record Failure(String field, String message) {
    }

    /** Either data or a failure. */
    public record Result(TargetData data, Failure failure) {
        static Result ok(TargetData data) {
            return new Result(data, null);
        }

        static Result failed(String field, String message) {
            return new Result(null, new Failure(field, message));
        }

        public boolean ok() {
            return failure == null;
        }
    }

    private static final class RenderException extends Exception {
        final String field;

        RenderException(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    /** Every vault source the spec reads, given the current listing (which find[] selects from). */
    public static Set<SourceRef> requiredSources(SecretSyncSpec spec, Collection<VaultItem> listing) {
        Set<SourceRef> sources = new LinkedHashSet<>();
        for (DataFromItem item : spec.dataFromOrEmpty()) {
            if (item.find() != null) {
                matches(item.find(), listing).forEach(found -> sources.add(SourceRef.latest(found.name())));
            }
            if (item.extract() != null) {
                sources.add(SourceRef.of(item.extract().name(), item.extract().version()));
            }
        }
        spec.dataOrEmpty().forEach(d -> sources.add(SourceRef.of(d.remoteRef().name(), d.remoteRef().version())));
        return sources;
    }

    public static Result render(SecretSyncSpec spec, Collection<VaultItem> listing, Map<SourceRef, String> values) {
        try {
            Map<String, byte[]> raw = new TreeMap<>();
            for (int i = 0; i < spec.dataFromOrEmpty().size(); i++) {
                raw.putAll(dataFrom("spec.dataFrom[" + i + "]", spec.dataFromOrEmpty().get(i), listing, values));
            }
            for (int i = 0; i < spec.dataOrEmpty().size(); i++) {
                DataItem item = spec.dataOrEmpty().get(i);
                raw.put(item.secretKey(), data("spec.data[" + i + "].remoteRef", item.remoteRef(), values));
            }
            TargetData data = applyTemplate(spec.target().template(), raw);
            Optional<String> missing = SecretTypes.missingKeys(SecretTypes.typeOf(spec.target()), data.entries().keySet());
            if (missing.isPresent()) {
                return Result.failed("spec.target.type", missing.get());
            }
            return Result.ok(data);
        } catch (RenderException e) {
            return Result.failed(e.field, e.getMessage());
        }
    }

    private static byte[] data(String path, RemoteRef ref, Map<SourceRef, String> values) throws RenderException {
        String value = value(path, SourceRef.of(ref.name(), ref.version()), values);
        if (ref.property() != null) {
            value = property(path + ".property", ref, value);
        }
        return decode(path + ".decodingStrategy", ref.decodingStrategy(), ref.name(), value);
    }

    private static Map<String, byte[]> dataFrom(String path, DataFromItem item, Collection<VaultItem> listing,
                                                Map<SourceRef, String> values) throws RenderException {
        Map<String, byte[]> out = new TreeMap<>();
        if (item.find() != null) {
            for (VaultItem found : matches(item.find(), listing)) {
                String value = value(path + ".find", SourceRef.latest(found.name()), values);
                out.put(rewrite(path, item.rewriteOrEmpty(), found.name()),
                        decode(path + ".find.decodingStrategy", item.find().decodingStrategy(), found.name(), value));
            }
        }
        if (item.extract() != null) {
            ExtractRef extract = item.extract();
            JsonNode object = jsonObject(path + ".extract", extract.name(),
                    value(path + ".extract", SourceRef.of(extract.name(), extract.version()), values));
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                out.put(rewrite(path, item.rewriteOrEmpty(), field.getKey()),
                        decode(path + ".extract.decodingStrategy", extract.decodingStrategy(), extract.name(),
                                text(field.getValue())));
            }
        }
        return out;
    }

    private static List<VaultItem> matches(FindRef find, Collection<VaultItem> listing) {
        Pattern name = find.nameRegex() == null || find.nameRegex().isEmpty() ? null : Pattern.compile(find.nameRegex());
        return listing.stream()
                .filter(VaultItem::enabled)
                .filter(item -> name == null || name.matcher(item.name()).matches())
                .filter(item -> find.tagsOrEmpty().entrySet().stream()
                        .allMatch(tag -> tag.getValue().equals(item.tags().get(tag.getKey()))))
                .toList();
    }

    private static String rewrite(String path, List<Rewrite> rewrites, String key) throws RenderException {
        String result = key;
        for (Rewrite rewrite : rewrites) {
            result = result.replaceAll(rewrite.source(), rewrite.target());
        }
        if (!Names.isSecretKey(result)) {
            throw new RenderException(path + ".rewrite", "rewriting '" + key + "' gives '" + result
                    + "', which is not a valid Secret key");
        }
        return result;
    }

    private static String value(String path, SourceRef source, Map<SourceRef, String> values) throws RenderException {
        String value = values.get(source);
        if (value == null) {
            throw new RenderException(path, "vault secret " + source + " has no value");
        }
        return value;
    }

    private static String property(String path, RemoteRef ref, String value) throws RenderException {
        JsonNode node = jsonObject(path, ref.name(), value);
        JsonNode found = node.get(ref.property());
        if (found == null) {
            found = node;
            for (String step : ref.property().split("\\.")) {
                found = found.path(step);
            }
        }
        if (found.isMissingNode() || found.isNull()) {
            throw new RenderException(path, "vault secret " + ref.name() + " has no property '" + ref.property() + "'");
        }
        return text(found);
    }

    private static JsonNode jsonObject(String path, String name, String value) throws RenderException {
        try {
            JsonNode node = JSON.readTree(value);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // reported below without the parser's message, which would quote the value
        }
        throw new RenderException(path, "vault secret " + name + " does not hold a JSON object");
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static byte[] decode(String path, String strategy, String name, String value) throws RenderException {
        return DecodingStrategy.parse(strategy).orElse(DecodingStrategy.None).decode(value)
                .orElseThrow(() -> new RenderException(path, "vault secret " + name + " is not valid base64"));
    }

    private static TargetData applyTemplate(TargetTemplate template, Map<String, byte[]> raw) throws RenderException {
        if (template == null || template.dataOrEmpty().isEmpty()) {
            return new TargetData(raw);
        }
        Map<String, byte[]> out = new TreeMap<>();
        if (Policies.merge(template.mergePolicy()).orElse(Policies.MergePolicy.Replace) == Policies.MergePolicy.Merge) {
            out.putAll(raw);
        }
        for (Map.Entry<String, String> entry : template.dataOrEmpty().entrySet()) {
            try {
                out.put(entry.getKey(), Template.parse(entry.getValue()).render(raw));
            } catch (Template.TemplateException e) {
                throw new RenderException("spec.target.template.data[" + entry.getKey() + "]", e.getMessage());
            }
        }
        return new TargetData(out);
    }
}

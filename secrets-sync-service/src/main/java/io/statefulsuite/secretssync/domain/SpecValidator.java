package io.statefulsuite.secretssync.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Every rule a SecretSync spec must satisfy before anything is written; reports all violations at once. */
public final class SpecValidator {

    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

    private final List<Violation> violations = new ArrayList<>();

    private SpecValidator() {
    }

    public static List<Violation> validate(SecretSyncSpec spec) {
        SpecValidator validator = new SpecValidator();
        if (spec == null) {
            validator.fail("spec", "required", "spec is required");
        } else {
            validator.check(spec);
        }
        return List.copyOf(validator.violations);
    }

    private void check(SecretSyncSpec spec) {
        checkVault(spec.vault());
        if (spec.dataOrEmpty().isEmpty() && spec.dataFromOrEmpty().isEmpty()) {
            fail("spec.data", "required", "at least one of data or dataFrom must be given");
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < spec.dataOrEmpty().size(); i++) {
            checkData("spec.data[" + i + "]", spec.dataOrEmpty().get(i), keys);
        }
        for (int i = 0; i < spec.dataFromOrEmpty().size(); i++) {
            checkDataFrom("spec.dataFrom[" + i + "]", spec.dataFromOrEmpty().get(i));
        }
        checkTarget(spec.target(), keys, spec.dataFromOrEmpty().isEmpty());
        Duration interval = RefreshInterval.parse(spec.refreshInterval()).orElse(null);
        if (interval == null) {
            fail("spec.refreshInterval", "format", "must look like 1h, 15m, 1h30m, 90s or 0");
        } else if (!interval.isZero() && interval.compareTo(RefreshInterval.MINIMUM) < 0) {
            fail("spec.refreshInterval", "minimum", "must be 0 (sync once) or at least "
                    + RefreshInterval.MINIMUM.toSeconds() + "s");
        }
    }

    private void checkVault(VaultRef vault) {
        if (vault == null || vault.url() == null || vault.url().isBlank()) {
            fail("spec.vault.url", "required", "the vault URL is required");
            return;
        }
        try {
            URI uri = new URI(vault.url());
            boolean bare = uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/");
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || !bare || uri.getQuery() != null) {
                fail("spec.vault.url", "format", "must be an https URL without path, e.g. https://my-vault.vault.azure.net");
            }
        } catch (URISyntaxException e) {
            fail("spec.vault.url", "format", "is not a valid URL");
        }
        if (vault.identityClientId() != null && !vault.identityClientId()
                .matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            fail("spec.vault.identityClientId", "format", "must be a client id (GUID)");
        }
    }

    private void checkData(String path, DataItem item, Set<String> keys) {
        if (item == null) {
            fail(path, "required", "must be an object, not null");
            return;
        }
        if (!Names.isSecretKey(item.secretKey())) {
            fail(path + ".secretKey", "format", "must be a Secret key: letters, digits, '-', '_' or '.'");
        } else if (!keys.add(item.secretKey())) {
            fail(path + ".secretKey", "unique", "key '" + item.secretKey() + "' is mapped twice");
        }
        RemoteRef ref = item.remoteRef();
        if (ref == null) {
            fail(path + ".remoteRef", "required", "remoteRef is required");
            return;
        }
        checkSource(path + ".remoteRef", ref.name(), ref.version(), ref.decodingStrategy());
        if (ref.property() != null && ref.property().isBlank()) {
            fail(path + ".remoteRef.property", "format", "must not be blank when given");
        }
    }

    private void checkDataFrom(String path, DataFromItem item) {
        if (item == null) {
            fail(path, "required", "must be an object, not null");
            return;
        }
        if ((item.find() == null) == (item.extract() == null)) {
            fail(path, "oneOf", "exactly one of find or extract must be given");
        }
        if (item.find() != null) {
            FindRef find = item.find();
            if ((find.nameRegex() == null || find.nameRegex().isEmpty()) && find.tagsOrEmpty().isEmpty()) {
                fail(path + ".find", "required", "give nameRegex, tags or both");
            }
            checkRegex(path + ".find.nameRegex", find.nameRegex());
            checkNoNullValues(path + ".find.tags", find.tagsOrEmpty());
            checkDecoding(path + ".find.decodingStrategy", find.decodingStrategy());
        }
        if (item.extract() != null) {
            ExtractRef extract = item.extract();
            checkSource(path + ".extract", extract.name(), extract.version(), extract.decodingStrategy());
        }
        for (int j = 0; j < item.rewriteOrEmpty().size(); j++) {
            Rewrite rewrite = item.rewriteOrEmpty().get(j);
            if (rewrite == null) {
                fail(path + ".rewrite[" + j + "]", "required", "must be an object, not null");
                continue;
            }
            checkRegex(path + ".rewrite[" + j + "].source", rewrite.source());
            if (rewrite.source() == null || rewrite.source().isEmpty()) {
                fail(path + ".rewrite[" + j + "].source", "required", "source regex is required");
            }
            if (rewrite.target() == null) {
                fail(path + ".rewrite[" + j + "].target", "required", "target is required (may be empty)");
            }
        }
    }

    private void checkSource(String path, String name, String version, String decoding) {
        if (!Names.isVaultSecretName(name)) {
            fail(path + ".name", "format", "must be a vault secret name: 1-127 of 0-9, a-z, A-Z, '-'");
        }
        if (version != null && !version.isEmpty() && !Names.isVersionId(version)) {
            fail(path + ".version", "format", "must be a 32-hex-digit version id");
        }
        checkDecoding(path + ".decodingStrategy", decoding);
    }

    private void checkDecoding(String path, String decoding) {
        if (DecodingStrategy.parse(decoding).isEmpty()) {
            fail(path, "enum", "must be one of None, Base64, Auto");
        }
    }

    private void checkRegex(String path, String regex) {
        if (regex == null || regex.isEmpty()) {
            return;
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            fail(path, "regex", "does not compile: " + e.getDescription());
        }
    }

    private void checkTarget(Target target, Set<String> dataKeys, boolean keysKnown) {
        if (target == null) {
            fail("spec.target", "required", "target is required");
            return;
        }
        if (target.name() != null && !Names.isObjectName(target.name())) {
            fail("spec.target.name", "format", "must be a DNS-1123 subdomain (lower case, digits, '-', '.')");
        }
        if (Policies.creation(target.creationPolicy()).isEmpty()) {
            fail("spec.target.creationPolicy", "enum", "must be one of Owner, Orphan, Merge");
        }
        if (Policies.deletion(target.deletionPolicy()).isEmpty()) {
            fail("spec.target.deletionPolicy", "enum", "must be one of Retain, Delete");
        }
        checkNoNullValues("spec.target.labels", target.labelsOrEmpty());
        checkNoNullValues("spec.target.annotations", target.annotationsOrEmpty());
        if (target.labelsOrEmpty().containsKey(MANAGED_BY_LABEL)) {
            fail("spec.target.labels", "reserved", MANAGED_BY_LABEL + " is set by the service");
        }
        Set<String> keys = new HashSet<>(dataKeys);
        if (target.template() != null) {
            keys = checkTemplate(target.template(), keys);
        }
        if (keysKnown) {
            SecretTypes.missingKeys(SecretTypes.typeOf(target), keys)
                    .ifPresent(message -> fail("spec.target.type", "requiredKeys", message));
        }
    }

    private Set<String> checkTemplate(TargetTemplate template, Set<String> rawKeys) {
        Policies.MergePolicy merge = Policies.merge(template.mergePolicy()).orElse(null);
        if (merge == null) {
            fail("spec.target.template.mergePolicy", "enum", "must be one of Replace, Merge");
        }
        for (Map.Entry<String, String> entry : template.dataOrEmpty().entrySet()) {
            String path = "spec.target.template.data[" + entry.getKey() + "]";
            if (!Names.isSecretKey(entry.getKey())) {
                fail(path, "format", "must be a Secret key: letters, digits, '-', '_' or '.'");
            }
            try {
                Template.parse(entry.getValue() == null ? "" : entry.getValue());
            } catch (Template.TemplateException e) {
                fail(path, "template", e.getMessage());
            }
        }
        Set<String> keys = new HashSet<>(template.dataOrEmpty().keySet());
        if (merge == Policies.MergePolicy.Merge) {
            keys.addAll(rawKeys);
        }
        return keys;
    }

    private void checkNoNullValues(String path, Map<String, String> values) {
        values.forEach((key, value) -> {
            if (value == null) {
                fail(path + "[" + key + "]", "required", "must be a string, not null");
            }
        });
    }

    private void fail(String field, String rule, String message) {
        violations.add(new Violation(field, rule, field + " " + message));
    }
}

package io.statefulsuite.secretssync.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SpecValidatorTest {

    private static final VaultRef VAULT = new VaultRef("https://v.vault.azure.net", null);

    private static SecretSyncSpec spec(List<DataItem> data, List<DataFromItem> dataFrom, Target target, String interval) {
        return new SecretSyncSpec(VAULT, data, dataFrom, target, interval);
    }

    private static DataItem item(String key, String name) {
        return new DataItem(key, new RemoteRef(name, null, null, null));
    }

    private static Target target(String type) {
        return new Target("t", type, null, null, null, null, null, null);
    }

    @Test
    void validSpecHasNoViolations() {
        assertThat(SpecValidator.validate(spec(List.of(item("tls.crt", "c"), item("tls.key", "k")), null,
                target("kubernetes.io/tls"), "15m"))).isEmpty();
    }

    @Test
    void reportsEveryFieldWithItsRule() {
        SecretSyncSpec bad = new SecretSyncSpec(new VaultRef("http://v", "not-a-guid"),
                List.of(item("a", "x"), item("a", "bad_name"),
                        new DataItem("b", new RemoteRef("x", "123", " ", "Rot13"))),
                List.of(new DataFromItem(new FindRef("([", null, null), new ExtractRef("y", null, null), null),
                        new DataFromItem(new FindRef(null, Map.of(), null), null, List.of(new Rewrite("(", null)))),
                new Target("UPPER", null, Map.of("app.kubernetes.io/managed-by", "me"), null, "Sometimes", "Never",
                        null, new TargetTemplate(Map.of("x", "{{ .a"), "Mix")),
                "5s");

        assertThat(SpecValidator.validate(bad)).extracting(Violation::field, Violation::rule).contains(
                org.assertj.core.groups.Tuple.tuple("spec.vault.url", "format"),
                org.assertj.core.groups.Tuple.tuple("spec.vault.identityClientId", "format"),
                org.assertj.core.groups.Tuple.tuple("spec.data[1].secretKey", "unique"),
                org.assertj.core.groups.Tuple.tuple("spec.data[1].remoteRef.name", "format"),
                org.assertj.core.groups.Tuple.tuple("spec.data[2].remoteRef.version", "format"),
                org.assertj.core.groups.Tuple.tuple("spec.data[2].remoteRef.property", "format"),
                org.assertj.core.groups.Tuple.tuple("spec.data[2].remoteRef.decodingStrategy", "enum"),
                org.assertj.core.groups.Tuple.tuple("spec.dataFrom[0]", "oneOf"),
                org.assertj.core.groups.Tuple.tuple("spec.dataFrom[0].find.nameRegex", "regex"),
                org.assertj.core.groups.Tuple.tuple("spec.dataFrom[1].find", "required"),
                org.assertj.core.groups.Tuple.tuple("spec.dataFrom[1].rewrite[0].source", "regex"),
                org.assertj.core.groups.Tuple.tuple("spec.dataFrom[1].rewrite[0].target", "required"),
                org.assertj.core.groups.Tuple.tuple("spec.target.name", "format"),
                org.assertj.core.groups.Tuple.tuple("spec.target.creationPolicy", "enum"),
                org.assertj.core.groups.Tuple.tuple("spec.target.deletionPolicy", "enum"),
                org.assertj.core.groups.Tuple.tuple("spec.target.labels", "reserved"),
                org.assertj.core.groups.Tuple.tuple("spec.target.template.mergePolicy", "enum"),
                org.assertj.core.groups.Tuple.tuple("spec.target.template.data[x]", "template"),
                org.assertj.core.groups.Tuple.tuple("spec.refreshInterval", "minimum"));
    }

    @Test
    void targetTypesNeedTheirKeysUnlessDataFromMakesThemUnknowable() {
        assertThat(SpecValidator.validate(spec(List.of(item("x", "a")), null, target("kubernetes.io/dockerconfigjson"), null)))
                .extracting(Violation::message)
                .containsExactly("spec.target.type kubernetes.io/dockerconfigjson needs the keys .dockerconfigjson");
        assertThat(SpecValidator.validate(spec(List.of(item("x", "a")),
                List.of(new DataFromItem(null, new ExtractRef("tls", null, null), null)), target("kubernetes.io/tls"), null)))
                .isEmpty();
    }

    @Test
    void emptySpecNeedsData() {
        assertThat(SpecValidator.validate(spec(null, null, target(null), "0"))).extracting(Violation::field)
                .containsExactly("spec.data");
    }

    /** The fuzz test's {@code "dataFrom": [{...}, null]} was a 500 (seed 32035662058267). */
    @Test
    void nullEntriesInListsAndMapsAreViolationsNotCrashes() {
        Map<String, String> nullValue = new java.util.HashMap<>();
        nullValue.put("team", null);
        SecretSyncSpec spec = spec(java.util.Arrays.asList(item("a", "x"), null),
                java.util.Arrays.asList(new DataFromItem(new FindRef("x", nullValue, null), null,
                        java.util.Arrays.asList((Rewrite) null)), null),
                new Target("t", null, nullValue, nullValue, null, null, null, null), null);

        assertThat(SpecValidator.validate(spec)).extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("spec.data[1]", "required"),
                org.assertj.core.groups.Tuple.tuple("spec.dataFrom[0].find.tags[team]", "required"),
                org.assertj.core.groups.Tuple.tuple("spec.dataFrom[0].rewrite[0]", "required"),
                org.assertj.core.groups.Tuple.tuple("spec.dataFrom[1]", "required"),
                org.assertj.core.groups.Tuple.tuple("spec.target.labels[team]", "required"),
                org.assertj.core.groups.Tuple.tuple("spec.target.annotations[team]", "required"));
    }
}

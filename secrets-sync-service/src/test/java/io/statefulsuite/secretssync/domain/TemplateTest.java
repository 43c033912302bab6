package io.statefulsuite.secretssync.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateTest {

    private static final Map<String, byte[]> DATA = Map.of(
            "password", "s3cret".getBytes(StandardCharsets.UTF_8),
            "tls.crt", "  CERT  ".getBytes(StandardCharsets.UTF_8));

    @Test
    void rendersLookupsIndexAndPipes() throws Exception {
        Template template = Template.parse("requirepass {{ .password }}\n{{index . \"tls.crt\" | trim | lower}}|"
                + "{{ .password | b64enc | b64dec | upper }}");

        assertThat(new String(template.render(DATA), StandardCharsets.UTF_8))
                .isEqualTo("requirepass s3cret\ncert|S3CRET");
        assertThat(template.keys()).containsExactly("password", "tls.crt", "password");
    }

    @Test
    void rejectsUnbalancedBracesUnknownFunctionsAndExpressions() {
        assertThatThrownBy(() -> Template.parse("{{ .password")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> Template.parse("a }} b")).hasMessageContaining("no matching");
        assertThatThrownBy(() -> Template.parse("{{ .password | exec }}")).hasMessageContaining("unknown function 'exec'");
        assertThatThrownBy(() -> Template.parse("{{ range . }}")).hasMessageContaining("must be '.key'");
    }

    @Test
    void missingKeyFailsWithoutShowingValues() throws Exception {
        Template template = Template.parse("{{ .absent }} {{ .password }}");

        assertThatThrownBy(() -> template.render(DATA)).hasMessage("key 'absent' has no value");
    }
}

package io.statefulsuite.health.domain;

import io.statefulsuite.keyvault.emulator.EmulatorTls;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrustedCaTest {

    private static final String CA = EmulatorTls.generate(List.of()).caCertificatePem();
    private static final String OTHER_CA = EmulatorTls.generate(List.of()).caCertificatePem();

    @Test
    void aPemCertificateIsTrustedAndIdentifiedByTheDigestOfItsCertificates() {
        TrustedCa ca = TrustedCa.parse(CA, "ca.crt of Secret shop/cache-tls").orElseThrow();

        assertThat(ca.digest()).matches("[0-9a-f]{32}");
        assertThat(TrustedCa.parse("\n" + CA + "\n", "elsewhere").orElseThrow().digest()).isEqualTo(ca.digest());
        assertThat(TrustedCa.parse(OTHER_CA, "other").orElseThrow().digest()).isNotEqualTo(ca.digest());
        assertThat(TrustedCa.parse(CA + OTHER_CA, "bundle").orElseThrow().digest())
                .isNotIn(ca.digest(), TrustedCa.parse(OTHER_CA, "other").orElseThrow().digest());
    }

    @Test
    void anythingButPemCertificatesIsRefused() {
        String body = CA.lines().filter(line -> !line.startsWith("-----")).reduce("", String::concat);

        assertThat(TrustedCa.parse(null, "x")).isEmpty();
        assertThat(TrustedCa.parse("", "x")).isEmpty();
        assertThat(TrustedCa.parse(body, "x")).as("base64 DER without PEM markers").isEmpty();
        assertThat(TrustedCa.parse("-----BEGIN CERTIFICATE-----\nbm9wZQ==\n-----END CERTIFICATE-----\n", "x")).isEmpty();
        assertThat(TrustedCa.parse(CA.replace("CERTIFICATE", "PRIVATE KEY"), "x")).isEmpty();
    }

    @Test
    void neitherTheCertificateNorThePasswordIsPrinted() {
        TrustedCa ca = TrustedCa.parse(CA, "ca.crt of Secret shop/cache-tls").orElseThrow();
        String secondLine = CA.lines().toList().get(1);

        assertThat(ca.toString()).contains("ca.crt of Secret shop/cache-tls").doesNotContain(secondLine);
        assertThat(NodeAccess.overTls("pw-123", ca).toString()).doesNotContain("pw-123").doesNotContain(secondLine)
                .contains("TLS");
        assertThat(NodeAccess.plain("pw-123").toString()).doesNotContain("pw-123").contains("plain TCP");
    }
}

package io.statefulsuite.provisioner.domain;

import io.statefulsuite.keyvault.emulator.EmulatorTls;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TlsSecretTest {

    private static final EmulatorTls TLS = EmulatorTls.generate(List.of());

    @Test
    void aPemCaCertificateCanBeTrusted() {
        assertThat(TlsSecret.caProblem(ascii(TLS.caCertificatePem()))).isEmpty();
        assertThat(TlsSecret.caProblem(ascii(TLS.caCertificatePem() + EmulatorTls.generate(List.of())
                .caCertificatePem()))).as("a bundle of two CAs").isEmpty();
    }

    @Test
    void anythingElseIsRefusedSayingWhy() throws CertificateEncodingException {
        assertThat(TlsSecret.caProblem(ascii("not a certificate"))).hasValueSatisfying(why ->
                assertThat(why).contains("not a PEM certificate"));
        assertThat(TlsSecret.caProblem(TLS.caCertificate().getEncoded())).as("DER, which the clients cannot read")
                .hasValueSatisfying(why -> assertThat(why).contains("not a PEM certificate"));
        assertThat(TlsSecret.caProblem(ascii("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")))
                .isPresent();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

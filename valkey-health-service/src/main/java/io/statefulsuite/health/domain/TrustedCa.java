package io.statefulsuite.health.domain;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The only CA certificates trusted for a cluster's TLS connections, as PEM, with a digest of the certificates (it
 * identifies the trust in connection pool keys, so a CA change gets new connections) and where they came from
 * ({@code origin}, e.g. "ca.crt of Secret shop/cache-tls"), for messages that must never print the certificates.
 */
public record TrustedCa(String pem, String digest, String origin) {

    private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";

    /** Empty unless {@code pem} holds at least one PEM-encoded X.509 certificate and nothing unreadable. */
    public static Optional<TrustedCa> parse(String pem, String origin) {
        if (pem == null || !pem.contains(PEM_BEGIN)) {
            return Optional.empty();
        }
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return certificates.isEmpty() ? Optional.empty()
                    : Optional.of(new TrustedCa(pem, digest(certificates), origin));
        } catch (CertificateException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String digest(Collection<? extends Certificate> certificates) throws CertificateException {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (Certificate certificate : certificates) {
                sha256.update(certificate.getEncoded());
            }
            return HexFormat.of().formatHex(sha256.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public String toString() {
        return "TrustedCa[" + origin + ", sha256 " + digest + "]";
    }
}

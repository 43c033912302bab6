package io.statefulsuite.provisioner.domain;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Optional;

/**
 * The {@code kubernetes.io/tls} Secret of {@code spec.tls} (cert-manager's layout), where pods mount it, and the
 * check that its CA is usable before a client trusts it.
 */
public final class TlsSecret {

    public static final String CERTIFICATE_KEY = "tls.crt";
    public static final String PRIVATE_KEY_KEY = "tls.key";
    public static final String CA_KEY = "ca.crt";
    public static final List<String> KEYS = List.of(CERTIFICATE_KEY, PRIVATE_KEY_KEY, CA_KEY);
    public static final String MOUNT_DIR = "/etc/valkey/tls";
    public static final String CA_FILE = MOUNT_DIR + "/" + CA_KEY;

    private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";

    private TlsSecret() {
    }

    /** Where a key of the Secret is mounted in the container. */
    public static String mounted(String key) {
        return MOUNT_DIR + "/" + key;
    }

    /**
     * Why {@code pem} cannot be trusted as the CA (not PEM, as Valkey and the clients read it, or no X.509
     * certificate in it), or empty when it holds at least one certificate.
     */
    public static Optional<String> caProblem(byte[] pem) {
        if (!new String(pem, StandardCharsets.US_ASCII).contains(PEM_BEGIN)) {
            return Optional.of("it is not a PEM certificate (no " + PEM_BEGIN + " line)");
        }
        try {
            boolean none = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem)).isEmpty();
            return none ? Optional.of("it holds no certificate") : Optional.empty();
        } catch (CertificateException e) {
            return Optional.of("it is not a PEM certificate (" + e.getMessage() + ")");
        }
    }
}

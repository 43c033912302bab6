package io.statefulsuite.testkit.valkey;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;

/** A TLS-only server's PEM files, the directives that turn them on, and a client side that trusts their CA. */
record ServerTls(Path certificate, Path privateKey, Path caCertificate) {

    List<String> directives(int port) {
        return List.of(
                "port 0",
                "tls-port " + port,
                "tls-cert-file " + certificate.toAbsolutePath(),
                "tls-key-file " + privateKey.toAbsolutePath(),
                "tls-ca-cert-file " + caCertificate.toAbsolutePath(),
                // Clients prove themselves with the password, as in a pod; replication and the bus use TLS too.
                "tls-auth-clients no",
                "tls-replication yes",
                "tls-cluster yes");
    }

    SSLSocketFactory clientSockets() {
        try (InputStream pem = Files.newInputStream(caCertificate)) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot trust the CA in " + caCertificate, e);
        }
    }
}

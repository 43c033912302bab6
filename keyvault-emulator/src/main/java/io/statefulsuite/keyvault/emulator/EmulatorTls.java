package io.statefulsuite.keyvault.emulator;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * A throw-away certificate authority and a server certificate it signed, made fresh at every start so that
 * clients exercise real TLS verification: they trust the exported CA, never "trust all".
 */
public final class EmulatorTls {

    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static final Duration VALIDITY = Duration.ofDays(30);

    private final X509Certificate caCertificate;
    private final X509Certificate serverCertificate;
    private final PrivateKey serverKey;

    private EmulatorTls(X509Certificate caCertificate, X509Certificate serverCertificate, PrivateKey serverKey) {
        this.caCertificate = caCertificate;
        this.serverCertificate = serverCertificate;
        this.serverKey = serverKey;
    }

    /** A CA and a server certificate valid for {@code localhost}, the loopback addresses and {@code hostNames}. */
    public static EmulatorTls generate(List<String> hostNames) {
        try {
            KeyPair caKeys = ecKeyPair();
            KeyPair serverKeys = ecKeyPair();
            X500Name caName = new X500Name("CN=keyvault-emulator CA");
            X509Certificate ca = sign(new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(), caName,
                    caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                    caKeys.getPrivate());
            X509Certificate server = sign(new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(),
                    new X500Name("CN=localhost"), serverKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(hostNames)),
                    caKeys.getPrivate());
            return new EmulatorTls(ca, server, serverKeys.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate the emulator's certificates", e);
        }
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** The CA certificate in PEM form, for clients' trust configuration (e.g. {@code curl --cacert}). */
    public String caCertificatePem() {
        return pem("CERTIFICATE", encoded(caCertificate));
    }

    /**
     * Writes the server certificate, its PKCS#8 key and the CA as PEM files named as in a Kubernetes
     * {@code kubernetes.io/tls} Secret ({@code tls.crt}, {@code tls.key}, {@code ca.crt}), so that any TLS server
     * under test (a Valkey node, a service's HTTPS port) can be given the files its pod would mount.
     */
    public PemFiles writePemFiles(Path directory) throws IOException {
        Files.createDirectories(directory);
        PemFiles files = new PemFiles(directory.resolve("tls.crt"), directory.resolve("tls.key"),
                directory.resolve("ca.crt"));
        Files.writeString(files.certificate(), pem("CERTIFICATE", encoded(serverCertificate)), StandardCharsets.US_ASCII);
        Files.writeString(files.privateKey(), pem("PRIVATE KEY", serverKey.getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(files.caCertificate(), caCertificatePem(), StandardCharsets.US_ASCII);
        return files;
    }

    /** Where {@link #writePemFiles} put the server certificate, its key and the CA certificate. */
    public record PemFiles(Path certificate, Path privateKey, Path caCertificate) {
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    public void writeCaCertificatePem(Path file) throws IOException {
        Files.writeString(file, caCertificatePem(), StandardCharsets.US_ASCII);
    }

    /** A PKCS#12 trust store holding only the CA, protected by {@code password}. */
    public void writeTrustStore(Path file, char[] password) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            trustStore().store(out, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the trust store", e);
        }
    }

    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("keyvault-emulator-ca", caCertificate);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client context trusting this CA only. */
    public SSLContext clientSslContext() {
        return trustingOnly(trustStore());
    }

    /** A client context trusting only the first certificate of a PEM file, e.g. a mounted {@code ca.crt}. */
    public static SSLContext trustingOnly(Path caCertificatePem) {
        try (InputStream pem = Files.newInputStream(caCertificatePem)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            return trustingOnly(store);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust the CA in " + caCertificatePem, e);
        }
    }

    private static SSLContext trustingOnly(KeyStore trusted) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    SSLContext serverSslContext() {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", serverKey, STORE_PASSWORD, new Certificate[] {serverCertificate, caCertificate});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, STORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the server TLS context", e);
        }
    }

    private static GeneralNames subjectAlternativeNames(List<String> hostNames) throws UnknownHostException {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        names.add(new GeneralName(GeneralName.iPAddress, "::1"));
        for (String host : hostNames) {
            boolean literalAddress = host.matches("[0-9.]+") || host.contains(":");
            names.add(literalAddress
                    ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(host).getHostAddress())
                    : new GeneralName(GeneralName.dNSName, host));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(VALIDITY));
    }
}

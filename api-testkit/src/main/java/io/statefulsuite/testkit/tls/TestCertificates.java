package io.statefulsuite.testkit.tls;

import io.statefulsuite.keyvault.emulator.EmulatorTls;
import io.statefulsuite.keyvault.emulator.EmulatorTls.PemFiles;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The files of a mounted {@code kubernetes.io/tls} Secret ({@code tls.crt}, {@code tls.key}, {@code ca.crt}) signed
 * by a throw-away CA, and TLS contexts built from exactly those files: clients trust that CA only, never "trust all".
 */
public final class TestCertificates {

    private static final char[] PASSWORD = "test".toCharArray();
    private static final String TLS_CRT = "tls.crt";
    private static final String TLS_KEY = "tls.key";
    private static final String CA_CRT = "ca.crt";
    private static final String DATA = "..data";
    /** Where the JVM's shared files are: a system property, so every class loader of a Quarkus test sees the same. */
    private static final String SHARED_DIRECTORY = "stateful-suite.test.tls-directory";
    private final Path directory;
    private final PemFiles files;

    private TestCertificates(Path directory) {
        this.directory = directory;
        this.files = new PemFiles(directory.resolve(TLS_CRT), directory.resolve(TLS_KEY), directory.resolve(CA_CRT));
    }

    /** A fresh CA and server certificate (for localhost and the loopback addresses) in a new temporary directory. */
    public static TestCertificates generate() {
        try {
            TestCertificates certificates = new TestCertificates(Files.createTempDirectory("tls-secret"));
            certificates.publishNextVersion();
            for (String name : List.of(TLS_CRT, TLS_KEY, CA_CRT)) {
                Files.createSymbolicLink(certificates.directory.resolve(name), Path.of(DATA, name));
            }
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The certificates of a test JVM's services: their paths go into the configuration before Quarkus starts. */
    public static synchronized TestCertificates shared() {
        String directory = System.getProperty(SHARED_DIRECTORY);
        if (directory != null) {
            return new TestCertificates(Path.of(directory));
        }
        TestCertificates certificates = generate();
        System.setProperty(SHARED_DIRECTORY, certificates.directory.toString());
        return certificates;
    }

    public PemFiles files() {
        return files;
    }

    /**
     * What cert-manager and kubelet do when a certificate is renewed: a new CA and certificate, published the way
     * kubelet updates a Secret volume (a new directory, then one atomic swap of the {@code ..data} link), so a reader
     * sees either the old files or the new ones, never a new key with an old certificate.
     */
    public synchronized void rotate() {
        try {
            publishNextVersion();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client context trusting only the current {@code ca.crt}. */
    public SSLContext clientContext() {
        return EmulatorTls.trustingOnly(files.caCertificate());
    }

    /** A server context presenting the current {@code tls.crt} with {@code tls.key}, for stand-in HTTPS servers. */
    public SSLContext serverContext() {
        try {
            KeyStore keys = emptyStore();
            keys.setKeyEntry("server", readPrivateKey(files.privateKey()), PASSWORD,
                    readCertificates(files.certificate()).toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a server context from " + files.certificate(), e);
        }
    }

    private void publishNextVersion() throws IOException {
        Path versionDir = directory.resolve("..v" + System.nanoTime());
        EmulatorTls.generate(List.of()).writePemFiles(versionDir);
        Path link = directory.resolve(DATA + "_tmp");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, versionDir.getFileName());
        Files.move(link, directory.resolve(DATA), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static List<Certificate> readCertificates(Path pem) throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
    }

    /** The PKCS#8 "PRIVATE KEY" block EmulatorTls writes (an EC key, as cert-manager issues by default for ECDSA). */
    private static PrivateKey readPrivateKey(Path pem) throws GeneralSecurityException, IOException {
        String base64 = Files.readString(pem, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}

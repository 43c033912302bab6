package io.statefulsuite.secretssync.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the HTTPS Key Vault emulator for a Quarkus test and points the service at it: its URL, its CA
 * (as a PEM file, so the real TLS verification runs), a static bearer token, and fast retries.
 */
public class KeyVaultEmulatorResource implements QuarkusTestResourceLifecycleManager {

    /** Marks the test field that receives the running emulator. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectEmulator {
    }

    private KeyVaultEmulator emulator;

    @Override
    public Map<String, String> start() {
        emulator = KeyVaultEmulator.start();
        try {
            Path ca = Files.createTempFile("keyvault-emulator-ca", ".pem");
            emulator.tls().writeCaCertificatePem(ca);
            ca.toFile().deleteOnExit();
            return Map.of(
                    "secrets-sync.keyvault.trust-pem", ca.toString(),
                    "secrets-sync.keyvault.static-token", "test-token",
                    "secrets-sync.keyvault.disable-challenge-resource-verification", "true",
                    "secrets-sync.keyvault.max-retries", "2",
                    "secrets-sync.keyvault.retry-base-delay", "20ms",
                    "secrets-sync.keyvault.retry-max-delay", "200ms",
                    "secrets-sync.keyvault.timeout", "5s",
                    "test.vault-url", emulator.vaultUrl());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(emulator,
                new TestInjector.AnnotatedAndMatchesType(InjectEmulator.class, KeyVaultEmulator.class));
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }
}

package io.statefulsuite.testkit.tls;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.statefulsuite.keyvault.emulator.EmulatorTls.PemFiles;

import java.util.HashMap;
import java.util.Map;

/**
 * Runs a service with the {@code https} configuration profile operators switch on ({@code QUARKUS_PROFILE=prod,https}),
 * its certificate files being {@link TestCertificates#shared()}. The reload period stays as in production: tests
 * trigger a reload themselves rather than race a short timer. Subclasses add their own keys with {@link #withOverrides}.
 */
public class HttpsProfile implements QuarkusTestProfile {

    @Override
    public String getConfigProfile() {
        return "test,https";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return withOverrides(Map.of());
    }

    protected static Map<String, String> withOverrides(Map<String, String> overrides) {
        PemFiles files = TestCertificates.shared().files();
        Map<String, String> config = new HashMap<>(Map.of(
                "stateful-suite.https.cert-file", files.certificate().toString(),
                "stateful-suite.https.key-file", files.privateKey().toString(),
                "stateful-suite.https.ca-file", files.caCertificate().toString()));
        config.putAll(overrides);
        return config;
    }
}

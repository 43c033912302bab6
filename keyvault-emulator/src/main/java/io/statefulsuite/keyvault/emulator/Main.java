package io.statefulsuite.keyvault.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the emulator until killed: {@code java -jar keyvault-emulator.jar [--host 0.0.0.0] [--port 8443]
 * [--hostname name]... [--seed secrets.json] [--ca-out ca.pem] [--truststore-out ca.p12] [--token t]}.
 * The seed file is a JSON object: {@code {"name": "value"}} or {@code {"name": {"value": "v", "tags": {}}}}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, List<String>> options = options(args);
        EmulatorSettings settings = new EmulatorSettings(single(options, "host", "127.0.0.1"),
                Integer.parseInt(single(options, "port", "8443")), options.getOrDefault("hostname", List.of()),
                single(options, "tenant", EmulatorSettings.DEFAULT_TENANT), single(options, "token", null));
        KeyVaultEmulator emulator = KeyVaultEmulator.start(settings);
        String seed = single(options, "seed", null);
        if (seed != null) {
            seed(emulator, new ObjectMapper().readTree(Path.of(seed).toFile()));
        }
        String caOut = single(options, "ca-out", null);
        if (caOut != null) {
            emulator.tls().writeCaCertificatePem(Path.of(caOut));
        }
        String trustStoreOut = single(options, "truststore-out", null);
        if (trustStoreOut != null) {
            emulator.tls().writeTrustStore(Path.of(trustStoreOut), "changeit".toCharArray());
        }
        System.out.println("keyvault-emulator listening on " + emulator.vaultUrl() + " (bound to " + settings.host()
                + "); CA: " + (caOut != null ? caOut : "GET /_emulator/ca.pem"));
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
    }

    private static void seed(KeyVaultEmulator emulator, JsonNode secrets) {
        for (Map.Entry<String, JsonNode> secret : secrets.properties()) {
            JsonNode spec = secret.getValue();
            if (spec.isTextual()) {
                emulator.seed(secret.getKey(), spec.asText());
                continue;
            }
            Map<String, String> tags = new LinkedHashMap<>();
            spec.path("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
            emulator.seed(secret.getKey(), spec.path("value").asText(), tags);
        }
    }

    private static Map<String, List<String>> options(String[] args) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
            }
            options.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[i + 1]);
        }
        return options;
    }

    private static String single(Map<String, List<String>> options, String name, String fallback) {
        List<String> values = options.get(name);
        return values == null ? fallback : values.get(values.size() - 1);
    }
}

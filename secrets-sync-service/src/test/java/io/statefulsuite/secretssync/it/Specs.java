package io.statefulsuite.secretssync.it;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;

/** Small helpers shared by the integration tests: REST calls and decoded target data. */
final class Specs {

    private Specs() {
    }

    static ValidatableResponse put(String namespace, String name, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .put("/api/v1/namespaces/{ns}/secret-syncs/{name}", namespace, name).then();
    }

    static ValidatableResponse syncNow(String namespace, String name) {
        return given().post("/api/v1/namespaces/{ns}/secret-syncs/{name}:sync", namespace, name).then();
    }

    /** A body whose spec reads {@code vault} and writes Secret {@code target}; {@code fields} is the rest of spec. */
    static String body(String vault, String target, String fields) {
        return """
                {"spec": {"vault": {"url": "%s"}, "target": {"name": "%s"}, %s}}
                """.formatted(vault, target, fields);
    }

    /** A body whose {@code fields} include their own {@code target}. */
    static String bodyWithTarget(String vault, String fields) {
        return """
                {"spec": {"vault": {"url": "%s"}, %s}}
                """.formatted(vault, fields);
    }

    static Map<String, String> data(KubernetesClient client, String namespace, String name) {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            return null;
        }
        Map<String, String> decoded = new TreeMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> decoded.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        return decoded;
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

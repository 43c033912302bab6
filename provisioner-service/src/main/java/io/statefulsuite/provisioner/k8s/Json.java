package io.statefulsuite.provisioner.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.Objects;

/** Structural comparison of model objects, as the API server would see them on the wire. */
public final class Json {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Json() {
    }

    public static boolean sameTree(Object a, Object b) {
        return Objects.equals(tree(a), tree(b));
    }

    public static JsonNode tree(Object value) {
        return SERIALIZATION.convertValue(value, JsonNode.class);
    }
}

package io.statefulsuite.provisioner.api;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.statefulsuite.provisioner.testing.ApplyAwareKubernetesServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.statefulsuite.provisioner.api.ValkeyClusterApiTest.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@WithTestResource(ApplyAwareKubernetesServer.class)
class StorageApiTest {

    private static final String CLASS = "/api/v1/storage-classes/{name}";

    @Inject
    KubernetesClient client;

    @Test
    void anAzureDiskClassIsCreatedWithDefaultsAndAPutOfTheSameChangesNothing() {
        String rv = put("valkey-zrs", "{\"skuName\":\"Premium_ZRS\"}").then().statusCode(201)
                .body("provisioner", equalTo("disk.csi.azure.com"))
                .body("skuName", equalTo("Premium_ZRS"))
                .body("reclaimPolicy", equalTo("Delete"))
                .body("allowVolumeExpansion", equalTo(true))
                .body("volumeBindingMode", equalTo("WaitForFirstConsumer"))
                .body("managed", equalTo(true))
                .extract().path("resourceVersion");

        put("valkey-zrs", "{\"skuName\":\"Premium_ZRS\"}").then().statusCode(200)
                .body("resourceVersion", equalTo(rv));
        given().get(CLASS, "valkey-zrs").then().statusCode(200).body("skuName", equalTo("Premium_ZRS"));
        given().get("/api/v1/storage-classes").then().statusCode(200).body("items.name", hasItems("valkey-zrs"));
        StorageClass stored = client.storage().v1().storageClasses().withName("valkey-zrs").get();
        assertThat(stored.getParameters()).containsEntry("skuName", "Premium_ZRS");
    }

    @Test
    void onlyVolumeExpansionMayChangeLater() {
        put("valkey-retain", "{\"skuName\":\"StandardSSD_ZRS\",\"reclaimPolicy\":\"Retain\"}").then().statusCode(201);

        put("valkey-retain", "{\"skuName\":\"StandardSSD_ZRS\",\"reclaimPolicy\":\"Retain\","
                + "\"allowVolumeExpansion\":false}").then().statusCode(200)
                .body("allowVolumeExpansion", equalTo(false));
        problem(put("valkey-retain", "{\"skuName\":\"Premium_LRS\",\"reclaimPolicy\":\"Delete\"}"), 422)
                .body("errors.field", hasItems("skuName", "reclaimPolicy"))
                .body("errors.rule", hasItems("immutable"));
        assertThat(client.storage().v1().storageClasses().withName("valkey-retain").get().getReclaimPolicy())
                .isEqualTo("Retain");
    }

    @Test
    void badClassesAreRefusedNamingTheField() {
        problem(put("ultra", "{\"skuName\":\"UltraSSD_LRS\"}"), 422).body("errors.field", hasItems("skuName"));
        problem(put("ultra", "{}"), 422).body("errors.field", hasItems("skuName"));
        problem(put("ultra", "{\"skuName\":\"Premium_LRS\",\"volumeBindingMode\":\"Later\"}"), 422)
                .body("errors.field", hasItems("volumeBindingMode"));
        problem(put("ultra", "{\"skuName\":\"Premium_LRS\",\"cachingMode\":\"None\"}"), 400)
                .body("errors[0].field", equalTo("cachingMode"))
                .body("errors[0].rule", equalTo("unknown-field"));
        problem(put("ultra", "{\"skuName\":\"Premium_LRS\",\"allowVolumeExpansion\":\"yes\"}"), 400)
                .body("errors[0].field", equalTo("allowVolumeExpansion"));
        problem(put("ultra", "{\"name\":\"other\",\"skuName\":\"Premium_LRS\"}"), 422)
                .body("errors[0].field", equalTo("name"));
        problem(given().get(CLASS, "ultra"), 404);
        assertThat(client.storage().v1().storageClasses().withName("ultra").get()).isNull();
    }

    private static Response put(String name, String body) {
        return given().contentType(ContentType.JSON).body(body).put(CLASS, name);
    }
}

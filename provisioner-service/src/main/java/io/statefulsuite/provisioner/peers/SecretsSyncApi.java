package io.statefulsuite.provisioner.peers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** The parts of secrets-sync-service's REST API the provisioner uses. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface SecretsSyncApi {

    @PUT
    @Path("/vault-secrets/{name}:generate")
    GenerateResult generate(@PathParam("name") String vaultSecretName, GenerateRequest request);

    @PUT
    @Path("/namespaces/{namespace}/secret-syncs/{name}")
    SecretSyncView putSecretSync(@PathParam("namespace") String namespace, @PathParam("name") String name,
                                 SecretSyncRequest request);

    @DELETE
    @Path("/namespaces/{namespace}/secret-syncs/{name}")
    void deleteSecretSync(@PathParam("namespace") String namespace, @PathParam("name") String name);

    record GenerateRequest(String vault, int length) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record GenerateResult(boolean created) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SecretSyncRequest(Map<String, String> labels, Spec spec) {
    }

    record Spec(Vault vault, List<DataItem> data, Target target, String refreshInterval) {
    }

    record Vault(String url) {
    }

    record DataItem(String secretKey, RemoteRef remoteRef) {
    }

    record RemoteRef(String name) {
    }

    record Target(String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SecretSyncView(String name) {
    }
}

package io.statefulsuite.secretssync.keyvault;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ResourceNotFoundException;
import com.azure.core.util.Context;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import io.statefulsuite.secretssync.domain.FetchedSecret;
import io.statefulsuite.secretssync.domain.SourceRef;
import io.statefulsuite.secretssync.domain.VaultItem;
import io.statefulsuite.secretssync.domain.VaultRef;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads (and, for generate-if-absent, writes) vault secrets through the cached clients. */
@ApplicationScoped
public class KeyVaultGateway {

    private final VaultClients clients;

    public KeyVaultGateway(VaultClients clients) {
        this.clients = clients;
    }

    /** The whole listing (⌈N/25⌉ calls), without values. */
    public List<VaultItem> list(VaultRef vault) {
        return call(vault, "list", () -> {
            List<VaultItem> items = new ArrayList<>();
            for (SecretProperties properties : clients.client(vault).listPropertiesOfSecrets()) {
                items.add(new VaultItem(properties.getName(), !Boolean.FALSE.equals(properties.isEnabled()),
                        epoch(properties.getUpdatedOn()), properties.getTags()));
            }
            return items;
        });
    }

    /** The value of a source; empty when the vault does not have it (any more). */
    public Optional<FetchedSecret> get(VaultRef vault, SourceRef source) {
        return call(vault, "get " + source.name(), () -> {
            try {
                KeyVaultSecret secret = clients.client(vault)
                        .getSecretWithResponse(source.name(), source.pinned() ? source.version() : "", Context.NONE)
                        .getValue();
                return Optional.of(new FetchedSecret(source, secret.getProperties().getVersion(),
                        epoch(secret.getProperties().getUpdatedOn()), secret.getValue()));
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /** Adds a version; returns its version id. */
    public String set(VaultRef vault, String name, String value, String contentType) {
        return call(vault, "set " + name, () -> clients.client(vault)
                .setSecret(new KeyVaultSecret(name, value).setProperties(new SecretProperties().setContentType(contentType)))
                .getProperties().getVersion());
    }

    /** Every version of {@code name} (ids and creation times only). */
    public List<SecretProperties> versions(VaultRef vault, String name) {
        return call(vault, "versions " + name, () -> {
            List<SecretProperties> versions = new ArrayList<>();
            clients.client(vault).listPropertiesOfSecretVersions(name).forEach(versions::add);
            return versions;
        });
    }

    /** The value of one version, for the generate-if-absent race resolution. */
    public String value(VaultRef vault, String name, String version) {
        return get(vault, SourceRef.of(name, version)).map(FetchedSecret::value)
                .orElseThrow(() -> new VaultException(VaultException.Kind.FAILED,
                        "version " + version + " of " + name + " vanished", null));
    }

    private static <T> T call(VaultRef vault, String what, Supplier<T> body) {
        try {
            return body.get();
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            throw new VaultException(kind(status), vault.url() + ": " + what + " failed with HTTP " + status, e);
        } catch (RuntimeException e) {
            throw new VaultException(VaultException.Kind.UNAVAILABLE, vault.url() + ": " + what + " failed: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static VaultException.Kind kind(int status) {
        return switch (status) {
            case 429 -> VaultException.Kind.THROTTLED;
            case 401, 403 -> VaultException.Kind.FORBIDDEN;
            case 409 -> VaultException.Kind.CONFLICT;
            case 0, 408, 500, 502, 503, 504 -> VaultException.Kind.UNAVAILABLE;
            default -> VaultException.Kind.FAILED;
        };
    }

    private static long epoch(OffsetDateTime time) {
        return time == null ? 0 : time.toEpochSecond();
    }
}

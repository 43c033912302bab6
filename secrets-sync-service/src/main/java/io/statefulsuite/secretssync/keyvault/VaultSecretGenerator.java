package io.statefulsuite.secretssync.keyvault;

import com.azure.security.keyvault.secrets.models.SecretProperties;
import io.statefulsuite.secretssync.domain.PasswordPolicy;
import io.statefulsuite.secretssync.domain.SourceRef;
import io.statefulsuite.secretssync.domain.VaultRef;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Generate-if-absent for vault secrets, as the Valkey reference does with {@code openssl rand} and
 * {@code az keyvault secret set}, but never overwriting. Key Vault has no conditional PUT, so: requests in
 * this process are serialised per secret; and when another writer raced us between our check and our PUT,
 * every racer deterministically picks the earliest version and makes its value the latest again.
 */
@ApplicationScoped
public class VaultSecretGenerator {

    /** created: this call made the value; otherwise an existing (or racing) value was kept. */
    public record Outcome(boolean created, String version) {
    }

    private final KeyVaultGateway gateway;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public VaultSecretGenerator(KeyVaultGateway gateway) {
        this.gateway = gateway;
    }

    public Outcome generateIfAbsent(VaultRef vault, String name, PasswordPolicy policy, String contentType) {
        ReentrantLock lock = locks.computeIfAbsent(VaultRef.normalise(vault.url()) + "/" + name.toLowerCase(),
                key -> new ReentrantLock());
        lock.lock();
        try {
            var existing = gateway.get(vault, SourceRef.latest(name));
            if (existing.isPresent()) {
                return new Outcome(false, existing.get().version());
            }
            String ours = gateway.set(vault, name, policy.generate(random), contentType);
            return settleRace(vault, name, ours, contentType);
        } finally {
            lock.unlock();
        }
    }

    private Outcome settleRace(VaultRef vault, String name, String ours, String contentType) {
        List<SecretProperties> versions = gateway.versions(vault, name);
        if (versions.size() <= 1) {
            return new Outcome(true, ours);
        }
        SecretProperties first = versions.stream()
                .min(Comparator.comparing(SecretProperties::getCreatedOn).thenComparing(SecretProperties::getVersion))
                .orElseThrow();
        if (first.getVersion().equals(ours)) {
            return new Outcome(true, ours);
        }
        String restored = gateway.set(vault, name, gateway.value(vault, name, first.getVersion()), contentType);
        return new Outcome(false, restored);
    }
}

package io.statefulsuite.secretssync.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which namespaces may sync, and from which vaults.
 *
 * @param allowedNamespaces namespaces served; every namespace when empty
 * @param vaultsByNamespace vault URLs a namespace may read; any vault for a namespace not listed
 */
public record Tenancy(List<String> allowedNamespaces, Map<String, List<String>> vaultsByNamespace) {

    public Tenancy {
        allowedNamespaces = List.copyOf(allowedNamespaces);
        vaultsByNamespace = Map.copyOf(vaultsByNamespace);
    }

    /** Why {@code namespace} may not read {@code vaultUrl}, if it may not. */
    public Optional<Violation> refusal(String namespace, String vaultUrl) {
        if (!allowedNamespaces.isEmpty() && !allowedNamespaces.contains(namespace)) {
            return Optional.of(new Violation("metadata.namespace", "allowList", "namespace " + namespace
                    + " is not served by secrets-sync (allowed: " + String.join(", ", allowedNamespaces) + ")"));
        }
        List<String> vaults = vaultsByNamespace.get(namespace);
        if (vaults != null && vaultUrl != null
                && vaults.stream().noneMatch(allowed -> VaultRef.normalise(allowed).equals(VaultRef.normalise(vaultUrl)))) {
            return Optional.of(new Violation("spec.vault.url", "allowList", "namespace " + namespace
                    + " may not read vault " + vaultUrl + " (allowed: " + String.join(", ", vaults) + ")"));
        }
        return Optional.empty();
    }

    /** Whether some served namespace may read {@code vaultUrl} (for requests that are not namespaced). */
    public boolean anyNamespaceMayUse(String vaultUrl) {
        boolean someNamespaceUnrestricted = allowedNamespaces.isEmpty()
                || allowedNamespaces.stream().anyMatch(namespace -> !vaultsByNamespace.containsKey(namespace));
        return someNamespaceUnrestricted || vaultsByNamespace.values().stream().flatMap(List::stream)
                .anyMatch(allowed -> VaultRef.normalise(allowed).equals(VaultRef.normalise(vaultUrl)));
    }
}

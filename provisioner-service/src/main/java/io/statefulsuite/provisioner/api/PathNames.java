package io.statefulsuite.provisioner.api;

import io.statefulsuite.provisioner.domain.KubernetesSyntax;
import io.statefulsuite.provisioner.domain.SpecValidator;
import io.statefulsuite.provisioner.domain.Violation;

import java.util.List;

/**
 * Names taken from the URL, checked before they reach the API server: a name no object can have ({@code ..},
 * {@code a/b}, upper case, 254 characters) is refused naming the field instead of becoming part of an API-server path.
 */
final class PathNames {

    private PathNames() {
    }

    /** The validator's own rules for a cluster's namespace and name (the default spec has no violations). */
    static List<Violation> violations(String namespace, String name) {
        return SpecValidator.validate(namespace, name, null);
    }

    static List<Violation> namespaceViolations(String namespace) {
        return KubernetesSyntax.isDns1123Label(namespace) ? List.of() : List.of(new Violation("metadata.namespace",
                "dns-1123-label", "namespace must be a DNS-1123 label (lower-case letters, digits, '-'; at most 63 "
                + "characters)"));
    }

    static List<Violation> storageClassViolations(String name) {
        return KubernetesSyntax.isDns1123Subdomain(name) ? List.of() : List.of(new Violation("name",
                "dns-1123-subdomain", "storage class name must be a DNS-1123 subdomain"));
    }
}

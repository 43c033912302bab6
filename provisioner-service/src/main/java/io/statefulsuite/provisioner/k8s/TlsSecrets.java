package io.statefulsuite.provisioner.k8s;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.provisioner.domain.NodeTransport;
import io.statefulsuite.provisioner.domain.TlsSecret;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transport to a TLS cluster's nodes from its {@code spec.tls} Secret: TLS trusting only the Secret's
 * {@code ca.crt}. The Secret is read every pass (a renewed CA is picked up at once) but checked only once per
 * resourceVersion.
 */
@ApplicationScoped
public class TlsSecrets {

    private final KubernetesClient client;
    private final ApiRetry retry;
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();

    public TlsSecrets(KubernetesClient client, ApiRetry retry) {
        this.client = client;
        this.retry = retry;
    }

    /** What the Secret offers: a TLS transport, or what is missing or wrong (never a fallback to plain TCP). */
    public sealed interface Lookup {
    }

    public record Found(NodeTransport transport) implements Lookup {
    }

    /** The Secret, or one of its keys, does not exist (yet): cert-manager may still be issuing it. */
    public record Missing(String message) implements Lookup {
    }

    /** The Secret's ca.crt holds no usable certificate. */
    public record Invalid(String message) implements Lookup {
    }

    private record Checked(String resourceVersion, Lookup lookup) {
    }

    public Lookup transport(String namespace, String secretName) {
        String key = namespace + "/" + secretName;
        Secret secret = retry.call("get secret", () ->
                client.secrets().inNamespace(namespace).withName(secretName).get());
        if (secret == null) {
            checked.remove(key);
            return new Missing("Secret " + key + " (kubernetes.io/tls with " + String.join(", ", TlsSecret.KEYS)
                    + ") does not exist");
        }
        String version = secret.getMetadata().getResourceVersion();
        Checked known = checked.get(key);
        if (known != null && version != null && version.equals(known.resourceVersion())) {
            return known.lookup();
        }
        Lookup lookup = check(key, secret);
        checked.put(key, new Checked(version, lookup));
        return lookup;
    }

    /** Drops what is remembered of a Secret, e.g. once its cluster is deleted. */
    public void forget(String namespace, String secretName) {
        checked.remove(namespace + "/" + secretName);
    }

    private static Lookup check(String key, Secret secret) {
        List<String> absent = TlsSecret.KEYS.stream()
                .filter(name -> SecretValues.of(secret, name).isEmpty()).toList();
        if (!absent.isEmpty()) {
            return new Missing("Secret " + key + " has no key " + String.join(", ", absent));
        }
        byte[] ca = SecretValues.of(secret, TlsSecret.CA_KEY).orElseThrow();
        Optional<String> problem = TlsSecret.caProblem(ca);
        return problem.<Lookup>map(why -> new Invalid("key " + TlsSecret.CA_KEY + " of Secret " + key
                + " cannot be trusted as the CA: " + why)).orElseGet(() -> new Found(NodeTransport.tls(ca)));
    }
}

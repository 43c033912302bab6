package io.statefulsuite.health.k8s;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.statefulsuite.health.domain.Check;
import io.statefulsuite.health.domain.ClusterRef;
import io.statefulsuite.health.domain.Finding;
import io.statefulsuite.health.domain.TrustedCa;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CA a TLS cluster's nodes are verified against: key {@code ca.crt} of the Secret in {@code spec.tls.secretName},
 * read through the Kubernetes API and parsed once per resourceVersion of the Secret (a rotated CA is picked up by the
 * next check). When it cannot be had, the answer is a finding naming the Secret and key, never the certificate,
 * and the caller contacts no node: a TLS-only cluster is never tried over plain TCP.
 */
@ApplicationScoped
public class TlsTrustResolver {

    public static final String CA_KEY = "ca.crt";
    /** Parsed CAs kept (least recently used dropped beyond), so deleted clusters' Secrets do not pile up. */
    private static final int MAX_CACHED = 1024;
    private static final Logger LOG = Logger.getLogger(TlsTrustResolver.class);

    private final KubernetesClient client;
    private final Map<String, Parsed> parsed = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
            return size() > MAX_CACHED;
        }
    });

    public TlsTrustResolver(KubernetesClient client) {
        this.client = client;
    }

    /** Either the trusted CA or the reason there is none. */
    public record Trust(TrustedCa ca, Finding problem) {
    }

    public Trust resolve(ClusterRef cluster, ClusterSpecReader.TlsRef tls) {
        if (tls.secretName() == null || tls.secretName().isBlank()) {
            return problem("spec.tls without secretName", "Cluster " + cluster + " has spec.tls without a secretName",
                    "Set spec.tls.secretName to the kubernetes.io/tls Secret holding tls.crt, tls.key and ca.crt");
        }
        String secretId = cluster.namespace() + "/" + tls.secretName();
        Secret secret;
        try {
            secret = client.secrets().inNamespace(cluster.namespace()).withName(tls.secretName()).get();
        } catch (KubernetesClientException e) {
            LOG.warnf("Cannot read TLS Secret %s: HTTP %d", secretId, e.getCode());
            return problem("Secret " + secretId + " unreadable (HTTP " + e.getCode() + ")",
                    "The TLS Secret " + secretId + " of cluster " + cluster + " could not be read (HTTP "
                            + e.getCode() + ")",
                    "Grant this service get on secrets in namespace " + cluster.namespace()
                            + " (deploy/kubernetes/namespace-access/valkey-namespace)");
        }
        if (secret == null) {
            parsed.remove(secretId);
            return problem("Secret " + secretId + " not found", "The TLS Secret " + secretId + " of cluster " + cluster
                            + " (spec.tls.secretName) does not exist",
                    "Create the kubernetes.io/tls Secret " + secretId + " with tls.crt, tls.key and " + CA_KEY
                            + " (e.g. a cert-manager Certificate with secretName " + tls.secretName()
                            + "), or fix spec.tls.secretName");
        }
        return fromSecret(cluster, secretId, secret);
    }

    private Trust fromSecret(ClusterRef cluster, String secretId, Secret secret) {
        String version = secret.getMetadata().getResourceVersion();
        Parsed cached = parsed.get(secretId);
        if (cached != null && version != null && version.equals(cached.resourceVersion())) {
            return new Trust(cached.ca(), null);
        }
        Optional<String> pem = SecretValues.read(secret, CA_KEY);
        if (pem.isEmpty() || pem.get().isBlank()) {
            return problem("Secret " + secretId + " has no key " + CA_KEY, "The TLS Secret " + secretId + " of cluster "
                            + cluster + " has no " + CA_KEY + ", so the nodes' certificates cannot be verified",
                    "Put the PEM certificate of the CA that signed the nodes' certificates under key " + CA_KEY
                            + " of Secret " + secretId + " (cert-manager writes it for CA and self-signed issuers)");
        }
        Optional<TrustedCa> ca = TrustedCa.parse(pem.get(), CA_KEY + " of Secret " + secretId);
        if (ca.isEmpty()) {
            return problem("key " + CA_KEY + " of Secret " + secretId + " holds no PEM X.509 certificate",
                    "The " + CA_KEY + " of TLS Secret " + secretId + " of cluster " + cluster + " cannot be parsed",
                    "Replace key " + CA_KEY + " of Secret " + secretId
                            + " with the CA certificate in PEM form (-----BEGIN CERTIFICATE-----)");
        }
        if (version != null) {
            parsed.put(secretId, new Parsed(version, ca.get()));
        }
        return new Trust(ca.get(), null);
    }

    private static Trust problem(String observed, String message, String remediation) {
        return new Trust(null, Finding.of(Check.DISCOVERY_TLS).node(null).observed(observed)
                .expected("a kubernetes.io/tls Secret whose " + CA_KEY + " holds the CA certificate (PEM)")
                .message(message + "; its nodes were not contacted (never over plain TCP)", remediation));
    }

    private record Parsed(String resourceVersion, TrustedCa ca) {
    }
}

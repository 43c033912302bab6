package io.statefulsuite.provisioner.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * TLS for clients, replication and the cluster bus, with the certificate of a {@code kubernetes.io/tls} Secret
 * (cert-manager's layout: {@code tls.crt}, {@code tls.key}, {@code ca.crt}). Fixed at creation: a TLS node and a
 * plain one cannot talk to each other, so a cluster cannot be switched over pod by pod.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsSpec {

    @JsonPropertyDescription("Secret in the cluster's namespace with tls.crt, tls.key and ca.crt; mounted read-only "
            + "at /etc/valkey/tls. The provisioner trusts only its ca.crt when it talks to the nodes.")
    @Required
    private String secretName;

    public TlsSpec() {
    }

    public TlsSpec(String secretName) {
        this.secretName = secretName;
    }

    public String getSecretName() {
        return secretName;
    }

    public void setSecretName(String secretName) {
        this.secretName = secretName;
    }
}

package io.statefulsuite.provisioner.manifests;

import io.statefulsuite.provisioner.domain.ClusterNames;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import io.statefulsuite.provisioner.domain.TlsSecret;
import io.statefulsuite.provisioner.domain.ValkeyDirectives;

import java.util.List;
import java.util.StringJoiner;

/**
 * The {@code valkey.conf} of every node. It holds no secret: the password lines are in
 * {@link #AUTH_INCLUDE}, which the container writes at start from the mounted Secret.
 *
 * <p>{@code protected-mode yes} (as in the reference) is safe here because the start script refuses to run
 * without a password, and with a password protected mode lets authenticated clients in from anywhere. Should
 * the password ever be missing, protected mode refuses remote clients instead of serving them unauthenticated.
 */
public final class ValkeyConfFile {

    public static final String DATA_DIR = "/data";
    public static final String AUTH_DIR = "/run/valkey";
    public static final String AUTH_INCLUDE = AUTH_DIR + "/auth.conf";
    public static final int CLUSTER_NODE_TIMEOUT_MS = 15000;

    private ValkeyConfFile() {
    }

    public static String render(String namespace, String name, ResolvedSpec spec) {
        StringJoiner conf = new StringJoiner("\n", "", "\n");
        conf.add("# valkey.conf of ValkeyCluster " + namespace + "/" + name + ", rendered by valkey-provisioner.");
        conf.add("# Change the ValkeyCluster, not this ConfigMap: the provisioner overwrites it.");
        if (spec.tls()) {
            tlsDirectives().forEach(conf::add);
        } else {
            conf.add("port " + ClusterNames.CLIENT_PORT);
        }
        conf.add("bind * -::*");
        conf.add("protected-mode yes");
        conf.add("dir " + DATA_DIR);
        conf.add("cluster-enabled yes");
        conf.add("cluster-config-file " + DATA_DIR + "/nodes.conf");
        conf.add("cluster-node-timeout " + CLUSTER_NODE_TIMEOUT_MS);
        conf.add("appendonly " + (spec.aof() ? "yes" : "no"));
        conf.add("appendfsync " + spec.appendfsync());
        conf.add(saveDirective(spec.rdbSave()));
        if (spec.maxmemory() != null) {
            conf.add("maxmemory " + ValkeyDirectives.confMemory(spec.maxmemory()));
        }
        if (spec.maxmemoryPolicy() != null) {
            conf.add("maxmemory-policy " + spec.maxmemoryPolicy());
        }
        spec.config().forEach((directive, value) -> conf.add(directive + " " + value));
        // Last, so that nothing above can override the password.
        conf.add("include " + AUTH_INCLUDE);
        return conf.toString();
    }

    /**
     * TLS only, on the same client port: a plain port next to it would let clients skip TLS. Clients need no
     * certificate of their own ({@code tls-auth-clients no}): they authenticate with the password. Bus port 16379
     * stays, now TLS too.
     */
    private static List<String> tlsDirectives() {
        return List.of(
                "port 0",
                "tls-port " + ClusterNames.CLIENT_PORT,
                "tls-cert-file " + TlsSecret.mounted(TlsSecret.CERTIFICATE_KEY),
                "tls-key-file " + TlsSecret.mounted(TlsSecret.PRIVATE_KEY_KEY),
                "tls-ca-cert-file " + TlsSecret.CA_FILE,
                "tls-auth-clients no",
                "tls-replication yes",
                "tls-cluster yes");
    }

    /** One {@code save} line with all rules; {@code save ""} turns RDB snapshots off. */
    private static String saveDirective(List<String> rules) {
        return rules.isEmpty() ? "save \"\"" : "save " + String.join(" ", rules);
    }
}

package io.statefulsuite.local.node;

import io.statefulsuite.testkit.valkey.RespClient;
import io.statefulsuite.testkit.valkey.RespException;
import io.statefulsuite.testkit.valkey.ValkeyNode;

/**
 * The readiness probe the provisioner renders, evaluated in-process: the server answers PING and, in cluster
 * mode, says {@code cluster_state:ok} once it has met other nodes (a fresh node alone is ready so that it can be
 * bootstrapped). Like the rendered script, it logs in with the password the Secret holds now, which after a
 * rotation is no longer the one the process started with.
 */
final class Readiness {

    private Readiness() {
    }

    static boolean isReady(ValkeyNode node, String currentPassword) {
        try (RespClient probe = new RespClient(node.host(), node.port(), currentPassword)) {
            if (!"PONG".equals(probe.command("PING"))) {
                return false;
            }
            String info = String.valueOf(probe.command("CLUSTER", "INFO"));
            return info.contains("cluster_state:ok") || info.contains("cluster_known_nodes:1\r");
        } catch (RespException e) {
            // not in cluster mode: PING is the whole probe
            return e.getMessage() != null && e.getMessage().contains("cluster support disabled");
        }
    }
}

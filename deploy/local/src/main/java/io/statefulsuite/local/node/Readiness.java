package io.statefulsuite.local.node;

import io.statefulsuite.testkit.valkey.RespException;
import io.statefulsuite.testkit.valkey.ValkeyNode;

/**
 * The readiness probe the provisioner renders, evaluated in-process: the server answers PING and, in cluster
 * mode, says {@code cluster_state:ok} once it has met other nodes (a fresh node alone is ready so that it can be
 * bootstrapped).
 */
final class Readiness {

    private Readiness() {
    }

    static boolean isReady(ValkeyNode node) {
        try {
            if (!"PONG".equals(node.command("PING"))) {
                return false;
            }
            String info = String.valueOf(node.command("CLUSTER", "INFO"));
            return info.contains("cluster_state:ok") || info.contains("cluster_known_nodes:1\r");
        } catch (RespException e) {
            // not in cluster mode: PING is the whole probe
            return e.getMessage() != null && e.getMessage().contains("cluster support disabled");
        }
    }
}

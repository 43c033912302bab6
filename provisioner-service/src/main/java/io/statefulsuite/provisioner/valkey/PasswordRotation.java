package io.statefulsuite.provisioner.valkey;

import io.statefulsuite.provisioner.config.ProvisionerConfig;
import io.statefulsuite.provisioner.domain.NodeTransport;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Changes the password of running Valkey nodes without breaking replication or the cluster: first every node
 * accepts both passwords, then every replica authenticates to its primary with the new one, and only then is the
 * old one dropped. Established replication links stay up throughout; a link that reconnects later already uses the
 * new password. Nodes that restarted meanwhile read the new password from the mounted Secret and only get the last
 * two steps (idempotent). Blocking: call from a worker thread.
 */
@ApplicationScoped
public class PasswordRotation {

    private final Vertx vertx;
    private final Duration timeout;

    public PasswordRotation(Vertx vertx, ProvisionerConfig config) {
        this.vertx = vertx;
        this.timeout = config.formation().commandTimeout();
    }

    /** Nodes changed, and nodes that accepted neither password or did not answer (left for the next pass). */
    public record Outcome(int rotated, List<String> unreachable) {

        public boolean complete() {
            return unreachable.isEmpty();
        }
    }

    public Outcome rotate(List<String> ips, NodeTransport transport, String current, String next) {
        Map<String, NodeConnections> nodes = new LinkedHashMap<>();
        List<String> unreachable = new ArrayList<>();
        try {
            for (String ip : ips) {
                connect(ip, transport, next).or(() -> connect(ip, transport, current))
                        .ifPresentOrElse(connection -> nodes.put(ip, connection), () -> unreachable.add(ip));
            }
            nodes.forEach((ip, node) -> step(ip, "accept both passwords",
                    () -> node.send(ip, Command.ACL, "SETUSER", "default", "on", ">" + next)));
            nodes.forEach((ip, node) -> step(ip, "authenticate replication with the new password",
                    () -> node.send(ip, Command.CONFIG, "SET", "masterauth", next)));
            nodes.forEach((ip, node) -> step(ip, "drop the old password",
                    () -> node.send(ip, Command.CONFIG, "SET", "requirepass", next)));
        } finally {
            nodes.values().forEach(NodeConnections::close);
        }
        return new Outcome(nodes.size(), unreachable);
    }

    /** Runs one step on one node; a failure is reported without the server's reply, which may echo the password. */
    private static void step(String ip, String what, Runnable command) {
        try {
            command.run();
        } catch (RuntimeException e) {
            throw new IllegalStateException("password rotation on " + ip + " failed to " + what + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private Optional<NodeConnections> connect(String ip, NodeTransport transport, String password) {
        NodeConnections connection = new NodeConnections(vertx, password, transport, timeout);
        try {
            connection.send(ip, Command.PING);
            return Optional.of(connection);
        } catch (RuntimeException e) {
            connection.close();
            return Optional.empty();
        }
    }
}

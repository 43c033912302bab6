package io.statefulsuite.health.valkey;

import io.smallrye.mutiny.Uni;
import io.statefulsuite.health.domain.ClusterInfo;
import io.statefulsuite.health.domain.ClusterNode;
import io.statefulsuite.health.domain.InfoReport;
import io.statefulsuite.health.domain.NodeAccess;
import io.statefulsuite.health.domain.NodeConfig;
import io.statefulsuite.health.domain.NodeObservation;
import io.statefulsuite.health.domain.NodeTarget;
import io.statefulsuite.health.domain.Reachability;
import io.statefulsuite.health.domain.RoleReply;
import io.netty.handler.ssl.NotSslRecordException;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Reads one node: PING, INFO, ROLE, CONFIG GET and (cluster mode) CLUSTER INFO/NODES, pipelined on one pooled
 * connection. Never fails: every problem becomes an observation with a reachability verdict, so one bad node cannot
 * spoil the check of the others. The whole read is bounded by the timeout.
 */
public class NodeInspector {

    private final ValkeyConnections connections;

    public NodeInspector(ValkeyConnections connections) {
        this.connections = connections;
    }

    public Uni<NodeObservation> observe(NodeTarget target, NodeAccess access, Duration timeout) {
        long started = System.nanoTime();
        // deferred: a client that cannot even be built (e.g. trust material the TLS engine rejects) is a failed node
        return Uni.createFrom().deferred(() -> connections.client(target.host(), target.port(), access).connect())
                .onItem().transformToUni(connection -> read(connection, target, started)
                        .onTermination().call(connection::close))
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no answer within " + timeout.toMillis() + " ms"))
                .onFailure().recoverWithItem(failure -> failed(target, access, failure));
    }

    private Uni<NodeObservation> read(RedisConnection connection, NodeTarget target, long started) {
        Uni<Long> ping = connection.send(Request.cmd(Command.PING))
                .map(pong -> (System.nanoTime() - started) / 1_000);
        Uni<Response> info = connection.send(Request.cmd(Command.INFO).arg("server").arg("replication")
                .arg("persistence").arg("stats").arg("cluster"));
        Uni<Response> role = optional(connection.send(Request.cmd(Command.ROLE)));
        Uni<Response> config = optional(connection.send(Request.cmd(Command.CONFIG).arg("GET").arg("appendonly")
                .arg("appendfsync").arg("save").arg("dir")));
        Uni<Response> clusterInfo = optional(connection.send(Request.cmd(Command.CLUSTER).arg("INFO")));
        Uni<Response> clusterNodes = optional(connection.send(Request.cmd(Command.CLUSTER).arg("NODES")));
        return Uni.combine().all().unis(ping, info, role, config, clusterInfo, clusterNodes)
                .with((latency, infoReply, roleReply, configReply, clusterInfoReply, nodesReply) -> {
                    InfoReport report = InfoReport.parse(infoReply.toString());
                    boolean clustered = report.clusterEnabled() && clusterInfoReply != null && nodesReply != null;
                    return new NodeObservation(target, Reachability.OK, null, latency, report,
                            roleReply == null ? null : RoleReply.parse((List<?>) Replies.plain(roleReply)),
                            configReply == null ? NodeConfig.UNKNOWN : NodeConfig.of(Replies.pairs(configReply)),
                            clustered ? ClusterInfo.parse(clusterInfoReply.toString()) : null,
                            clustered ? ClusterNode.parseAll(nodesReply.toString()) : null);
                });
    }

    /** A command that may be refused (renamed CONFIG, cluster mode off) without failing the node. */
    private static Uni<Response> optional(Uni<Response> reply) {
        return reply.onFailure().recoverWithNull();
    }

    private NodeObservation failed(NodeTarget target, NodeAccess access, Throwable failure) {
        String message = describe(failure);
        Reachability reachability = classify(failure, message);
        if (reachability == Reachability.TIMEOUT) {
            connections.discard(target.host(), target.port(), access);
        }
        return NodeObservation.failed(target, reachability, reachability == Reachability.TLS_FAILED
                ? message + access.trust().map(ca -> " (trusting " + ca.origin() + ")").orElse("")
                : message);
    }

    static Reachability classify(Throwable failure, String message) {
        String text = message.toUpperCase(Locale.ROOT);
        if (failure instanceof TimeoutException || text.contains("TIMED OUT")) {
            return Reachability.TIMEOUT;
        }
        if (causes(failure).anyMatch(c -> c instanceof SSLException || c instanceof NotSslRecordException)) {
            return Reachability.TLS_FAILED;
        }
        if (text.contains("WRONGPASS") || text.contains("NOAUTH") || text.contains("INVALID PASSWORD")
                || text.contains("AUTH")) {
            return Reachability.AUTH_FAILED;
        }
        if (failure instanceof ConnectException || text.contains("CONNECTION REFUSED") || text.contains("CONNECTION RESET")
                || text.contains("CLOSED")) {
            return Reachability.UNREACHABLE;
        }
        return Reachability.ERROR;
    }

    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, c -> c.getCause() == c ? null : c.getCause());
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}

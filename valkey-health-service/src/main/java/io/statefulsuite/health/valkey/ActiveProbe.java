package io.statefulsuite.health.valkey;

import io.smallrye.mutiny.Uni;
import io.statefulsuite.health.domain.HashSlots;
import io.statefulsuite.health.domain.NodeAccess;
import io.statefulsuite.health.domain.NodeTarget;
import io.statefulsuite.health.domain.ProbeResult;
import io.statefulsuite.health.domain.Topology;
import io.statefulsuite.health.domain.Topology.Member;
import io.statefulsuite.health.domain.Topology.Shard;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Opt-in probes that touch data. Replication: a canary key (hash-tagged into the shard's slots, 60 s TTL) written on
 * the primary and polled on each replica (READONLY) gives the real replication delay. Persistence: BGSAVE and
 * BGREWRITEAOF on every node, waiting until they finish, so the following INFO shows whether the disk accepts them.
 */
public class ActiveProbe {

    static final String KEY_PREFIX = "__valkey_health__:";
    private static final Duration POLL = Duration.ofMillis(1);
    private static final Duration PERSISTENCE_POLL = Duration.ofMillis(50);

    private final ValkeyConnections connections;

    public ActiveProbe(ValkeyConnections connections) {
        this.connections = connections;
    }

    public Uni<List<ProbeResult>> replication(Topology topology, NodeAccess access, Duration timeout) {
        List<Uni<List<ProbeResult>>> shards = topology.shards().stream()
                .filter(s -> s.primary().reachable() && !s.replicas().isEmpty())
                .map(s -> probeShard(s, access, timeout)).toList();
        if (shards.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(shards).andFailFast()
                .map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    private Uni<List<ProbeResult>> probeShard(Shard shard, NodeAccess access, Duration timeout) {
        String key = KEY_PREFIX + "{" + HashSlots.tagFor(shard.slots()) + "}";
        String value = UUID.randomUUID().toString();
        Member primary = shard.primary();
        Uni<Long> written = connections.client(primary.ip(), primary.port(), access)
                .send(Request.cmd(Command.SET).arg(key).arg(value).arg("PX").arg(60_000))
                .map(ok -> System.nanoTime());
        return written.onItem().transformToUni(start -> {
                    List<Uni<ProbeResult>> replicas = shard.replicas().stream().filter(Member::reachable)
                            .map(r -> awaitCanary(shard, r, key, value, start, access, timeout)).toList();
                    return replicas.isEmpty() ? Uni.createFrom().item(List.<ProbeResult>of())
                            : Uni.join().all(replicas).andFailFast();
                })
                .ifNoItem().after(timeout.multipliedBy(2)).fail()
                .onFailure().recoverWithItem(e -> List.of(new ProbeResult(shard.index(), primary.pod(), null, null,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
    }

    private Uni<ProbeResult> awaitCanary(Shard shard, Member replica, String key, String value, long start,
                                         NodeAccess access, Duration timeout) {
        long deadline = start + timeout.toNanos();
        return connections.client(replica.ip(), replica.port(), access).connect()
                .onItem().transformToUni(connection -> connection.send(Request.cmd(Command.READONLY))
                        .onFailure().recoverWithNull()
                        .chain(() -> poll(connection, key, value, start, deadline))
                        .onTermination().call(connection::close))
                .map(delay -> new ProbeResult(shard.index(), shard.primary().pod(), replica.pod(), delay, null));
    }

    private Uni<Long> poll(RedisConnection connection, String key, String value, long start, long deadline) {
        return connection.send(Request.cmd(Command.GET).arg(key)).onItem().transformToUni(reply -> {
            if (reply != null && value.equals(reply.toString())) {
                return Uni.createFrom().item((System.nanoTime() - start) / 1_000_000);
            }
            if (System.nanoTime() > deadline) {
                return Uni.createFrom().nullItem();
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(POLL)
                    .chain(() -> poll(connection, key, value, start, deadline));
        });
    }

    /** Starts a snapshot and an AOF rewrite on every node and waits (bounded) until none is running any more. */
    public Uni<Void> persistence(List<NodeTarget> targets, NodeAccess access, Duration timeout) {
        if (targets.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> runs = new ArrayList<>();
        for (NodeTarget target : targets) {
            runs.add(connections.client(target.host(), target.port(), access).connect()
                    .onItem().transformToUni(connection -> saveAndWait(connection, System.nanoTime() + timeout.toNanos())
                            .onTermination().call(connection::close))
                    .ifNoItem().after(timeout).recoverWithItem(() -> null)
                    .onFailure().recoverWithNull()
                    .replaceWithVoid());
        }
        return Uni.join().all(runs).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> saveAndWait(RedisConnection connection, long deadline) {
        return connection.send(Request.cmd(Command.BGSAVE)).onFailure().recoverWithNull()
                .chain(() -> connection.send(Request.cmd(Command.BGREWRITEAOF)).onFailure().recoverWithNull())
                .chain(() -> awaitIdle(connection, deadline));
    }

    private Uni<Void> awaitIdle(RedisConnection connection, long deadline) {
        return connection.send(Request.cmd(Command.INFO).arg("persistence")).onItem().transformToUni(reply -> {
            String info = reply.toString();
            boolean busy = info.contains("rdb_bgsave_in_progress:1") || info.contains("aof_rewrite_in_progress:1")
                    || info.contains("aof_rewrite_scheduled:1");
            if (!busy || System.nanoTime() > deadline) {
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(PERSISTENCE_POLL)
                    .chain(() -> awaitIdle(connection, deadline));
        });
    }
}

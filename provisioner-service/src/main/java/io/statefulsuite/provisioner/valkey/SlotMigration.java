package io.statefulsuite.provisioner.valkey;

import io.statefulsuite.provisioner.domain.formation.FormationAction.MigrateSlots;
import io.statefulsuite.provisioner.domain.formation.ValkeyPod;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Moves a range of slots between two primaries the way {@code valkey-cli --cluster reshard} does, pipelined per
 * step so that thousands of (mostly empty) slots move in a handful of round trips. Every step may be repeated.
 */
final class SlotMigration {

    private static final int KEYS_PER_MIGRATE = 500;
    private static final int MIGRATE_TIMEOUT_MILLIS = 10_000;
    private final NodeConnections nodes;
    private final String password;

    SlotMigration(NodeConnections nodes, String password) {
        this.nodes = nodes;
        this.password = password;
    }

    /** Returns the number of slots moved. */
    int migrate(MigrateSlots move) {
        List<Integer> slots = IntStream.rangeClosed(move.range().start(), move.range().end()).boxed().toList();
        String source = move.on().ip();
        String target = move.target().ip();
        nodes.batch(target, Command.CLUSTER, perSlot(slots, slot -> List.of("SETSLOT", slot, "IMPORTING", move.sourceId())));
        nodes.batch(source, Command.CLUSTER, perSlot(slots, slot -> List.of("SETSLOT", slot, "MIGRATING", move.targetId())));
        List<String> keyCounts = nodes.batch(source, Command.CLUSTER, perSlot(slots, slot -> List.of("COUNTKEYSINSLOT", slot)));
        for (int i = 0; i < slots.size(); i++) {
            if (Long.parseLong(keyCounts.get(i)) > 0) {
                moveKeys(source, target, slots.get(i));
            }
        }
        List<List<String>> assign = perSlot(slots, slot -> List.of("SETSLOT", slot, "NODE", move.targetId()));
        nodes.batch(target, Command.CLUSTER, assign);
        nodes.batch(source, Command.CLUSTER, assign);
        for (ValkeyPod other : move.otherPrimaries()) {
            nodes.batch(other.ip(), Command.CLUSTER, assign);
        }
        return slots.size();
    }

    /**
     * MIGRATE answers NOKEY when none of the keys it was given exists (any more). Keys that expired in between
     * vanish from the next listing; keys that are listed again were not the ones sent, and retrying would loop.
     */
    private void moveKeys(String source, String target, int slot) {
        Set<ByteBuffer> reportedMissing = Set.of();
        while (true) {
            List<byte[]> keys = nodes.sendForBytes(source, Command.CLUSTER, "GETKEYSINSLOT", Integer.toString(slot),
                    Integer.toString(KEYS_PER_MIGRATE));
            if (keys.isEmpty()) {
                return;
            }
            Set<ByteBuffer> listed = keys.stream().map(ByteBuffer::wrap).collect(Collectors.toSet());
            if (!Collections.disjoint(listed, reportedMissing)) {
                throw new IllegalStateException("MIGRATE of slot " + slot + " answered NOKEY for keys that CLUSTER"
                        + " GETKEYSINSLOT still lists; the slot stays in migration");
            }
            Request migrate = Request.cmd(Command.MIGRATE).arg(target).arg(NodeConnections.CLIENT_PORT).arg("")
                    .arg(0).arg(MIGRATE_TIMEOUT_MILLIS).arg("REPLACE").arg("AUTH").arg(password).arg("KEYS");
            keys.forEach(migrate::arg);
            reportedMissing = "NOKEY".equals(nodes.send(source, migrate)) ? listed : Set.of();
        }
    }

    private static List<List<String>> perSlot(List<Integer> slots, Function<String, List<String>> command) {
        return slots.stream().map(slot -> command.apply(Integer.toString(slot))).toList();
    }
}

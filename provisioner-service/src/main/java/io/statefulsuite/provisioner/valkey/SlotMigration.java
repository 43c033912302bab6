package io.statefulsuite.provisioner.valkey;

import io.statefulsuite.provisioner.domain.formation.FormationAction.MigrateSlots;
import io.statefulsuite.provisioner.domain.formation.ValkeyPod;
import io.vertx.mutiny.redis.client.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Moves a range of slots between two primaries the way {@code valkey-cli --cluster reshard} does, pipelined per
 * step so that thousands of (mostly empty) slots move in a handful of round trips. Every step may be repeated.
 */
final class SlotMigration {

    private static final int KEYS_PER_MIGRATE = 500;
    private static final String MIGRATE_TIMEOUT_MILLIS = "10000";
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

    private void moveKeys(String source, String target, int slot) {
        while (true) {
            List<String> keys = nodes.sendForList(source, Command.CLUSTER, "GETKEYSINSLOT", Integer.toString(slot),
                    Integer.toString(KEYS_PER_MIGRATE));
            if (keys.isEmpty()) {
                return;
            }
            List<String> arguments = new ArrayList<>(List.of(target, Integer.toString(NodeConnections.CLIENT_PORT), "",
                    "0", MIGRATE_TIMEOUT_MILLIS, "REPLACE", "AUTH", password, "KEYS"));
            arguments.addAll(keys);
            nodes.send(source, Command.MIGRATE, arguments.toArray(String[]::new));
        }
    }

    private static List<List<String>> perSlot(List<Integer> slots, Function<String, List<String>> command) {
        return slots.stream().map(slot -> command.apply(Integer.toString(slot))).toList();
    }
}

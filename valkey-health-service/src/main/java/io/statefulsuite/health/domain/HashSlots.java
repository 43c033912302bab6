package io.statefulsuite.health.domain;

import io.statefulsuite.health.domain.ClusterNode.SlotRange;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Valkey's key → slot mapping (CRC16/XMODEM mod 16384), to aim a canary key at a given shard. */
public final class HashSlots {

    private static final int SEARCH_LIMIT = 200_000;

    private HashSlots() {
    }

    public static int slotOf(String hashTag) {
        int crc = 0;
        for (byte b : hashTag.getBytes(StandardCharsets.UTF_8)) {
            crc ^= (b & 0xff) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return (crc & 0xffff) % ClusterInfo.SLOTS;
    }

    /** A short hash tag whose slot falls in the shard's slots ({@code "0-5460,10000"}); "0" without slots. */
    public static String tagFor(String slots) {
        if (slots.isEmpty()) {
            return "0";
        }
        List<SlotRange> ranges = java.util.Arrays.stream(slots.split(",")).map(SlotRange::parse).toList();
        for (int i = 0; i < SEARCH_LIMIT; i++) {
            int slot = slotOf(Integer.toString(i, 36));
            if (ranges.stream().anyMatch(r -> slot >= r.first() && slot <= r.last())) {
                return Integer.toString(i, 36);
            }
        }
        throw new IllegalStateException("No hash tag found for slots " + slots);
    }
}

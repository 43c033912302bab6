package io.statefulsuite.provisioner.domain.formation;

/** An inclusive range of hash slots, as CLUSTER NODES and ADDSLOTSRANGE write it. */
public record SlotRange(int start, int end) {

    public static final int SLOT_COUNT = 16384;

    public SlotRange {
        if (start < 0 || end >= SLOT_COUNT || start > end) {
            throw new IllegalArgumentException("Invalid slot range " + start + "-" + end);
        }
    }

    /** "5461-10922" or a single slot "42". */
    public static SlotRange parse(String text) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            int slot = Integer.parseInt(text);
            return new SlotRange(slot, slot);
        }
        return new SlotRange(Integer.parseInt(text.substring(0, dash)), Integer.parseInt(text.substring(dash + 1)));
    }

    public int size() {
        return end - start + 1;
    }

    /**
     * The contiguous range shard {@code index} of {@code shards} serves; the same split as
     * {@code valkey-cli --cluster create} (3 shards: 0-5460, 5461-10922, 10923-16383).
     */
    public static SlotRange evenShare(int index, int shards) {
        double perShard = (double) SLOT_COUNT / shards;
        int first = index == 0 ? 0 : (int) Math.round(index * perShard - 1) + 1;
        int last = index == shards - 1 ? SLOT_COUNT - 1 : (int) Math.round((index + 1) * perShard - 1);
        return new SlotRange(first, last);
    }

    @Override
    public String toString() {
        return start == end ? Integer.toString(start) : start + "-" + end;
    }
}

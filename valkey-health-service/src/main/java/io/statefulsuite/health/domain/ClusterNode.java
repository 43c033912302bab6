package io.statefulsuite.health.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code CLUSTER NODES}: {@code <id> <ip:port@cport[,hostname]> <flags> <primary-id|-> <ping-sent>
 * <pong-recv> <config-epoch> <link-state> <slot ranges...>}. Importing/migrating markers ({@code [slot->-id]})
 * are not ownership and are skipped.
 */
public record ClusterNode(String id, String host, int port, Set<String> flags, String primaryId, long configEpoch,
                          boolean connected, List<SlotRange> slots) {

    public static List<ClusterNode> parseAll(String text) {
        List<ClusterNode> nodes = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isBlank()) {
                nodes.add(parse(line.trim()));
            }
        }
        return List.copyOf(nodes);
    }

    static ClusterNode parse(String line) {
        String[] parts = line.split(" ");
        if (parts.length < 8) {
            throw new IllegalArgumentException("Not a CLUSTER NODES line: " + line);
        }
        String address = parts[1].split("[@,]")[0];
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(address.substring(colon + 1));
        List<SlotRange> slots = new ArrayList<>();
        for (int i = 8; i < parts.length; i++) {
            if (!parts[i].startsWith("[")) {
                slots.add(SlotRange.parse(parts[i]));
            }
        }
        return new ClusterNode(parts[0], host, port, Set.copyOf(Arrays.asList(parts[2].split(","))),
                "-".equals(parts[3]) ? null : parts[3], Long.parseLong(parts[6]), "connected".equals(parts[7]),
                List.copyOf(slots));
    }

    public boolean isPrimary() {
        return flags.contains("master");
    }

    public boolean isMyself() {
        return flags.contains("myself");
    }

    /** Marked failed by the cluster's majority ({@code fail}) or suspected by this node ({@code fail?}). */
    public boolean isFailing() {
        return flags.contains("fail") || flags.contains("fail?");
    }

    public boolean hasAddress() {
        return !flags.contains("noaddr") && port > 0 && !host.isEmpty();
    }

    public String address() {
        return host + ":" + port;
    }

    /** An inclusive range of hash slots. */
    public record SlotRange(int first, int last) implements Comparable<SlotRange> {

        static SlotRange parse(String text) {
            int dash = text.indexOf('-');
            return dash < 0 ? new SlotRange(Integer.parseInt(text), Integer.parseInt(text))
                    : new SlotRange(Integer.parseInt(text.substring(0, dash)), Integer.parseInt(text.substring(dash + 1)));
        }

        @Override
        public int compareTo(SlotRange other) {
            return Integer.compare(first, other.first);
        }

        @Override
        public String toString() {
            return first == last ? String.valueOf(first) : first + "-" + last;
        }
    }
}

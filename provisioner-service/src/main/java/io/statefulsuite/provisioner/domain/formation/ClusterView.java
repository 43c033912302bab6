package io.statefulsuite.provisioner.domain.formation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The cluster as one node reports it in CLUSTER NODES. */
public record ClusterView(List<ClusterNode> nodes) {

    public ClusterView {
        nodes = List.copyOf(nodes);
    }

    public static ClusterView parse(String clusterNodes) {
        List<ClusterNode> nodes = new ArrayList<>();
        for (String line : clusterNodes.split("\r?\n")) {
            if (!line.isBlank()) {
                nodes.add(parseLine(line.trim()));
            }
        }
        return new ClusterView(nodes);
    }

    public ClusterNode myself() {
        return nodes.stream().filter(ClusterNode::isMyself).findFirst()
                .orElseThrow(() -> new IllegalStateException("CLUSTER NODES has no 'myself' line"));
    }

    public Optional<ClusterNode> node(String id) {
        return nodes.stream().filter(node -> node.id().equals(id)).findFirst();
    }

    public boolean handshakeWith(String host, int port) {
        return nodes.stream().anyMatch(node -> node.inHandshake() && node.isAt(host, port));
    }

    /** The other members, without nodes still in handshake (those are not members yet). */
    public List<ClusterNode> others() {
        return nodes.stream().filter(node -> !node.isMyself() && !node.inHandshake()).toList();
    }

    private static ClusterNode parseLine(String line) {
        String[] fields = line.split(" ");
        if (fields.length < 8) {
            throw new IllegalArgumentException("Malformed CLUSTER NODES line: " + line);
        }
        String address = fields[1].split(",", 2)[0];
        int at = address.indexOf('@');
        String hostPort = at < 0 ? address : address.substring(0, at);
        int colon = hostPort.lastIndexOf(':');
        int busPort = at < 0 ? 0 : Integer.parseInt(address.substring(at + 1));
        List<SlotRange> slots = new ArrayList<>();
        List<SlotTransfer> transfers = new ArrayList<>();
        for (String entry : Arrays.asList(fields).subList(8, fields.length)) {
            if (entry.startsWith("[")) {
                transfers.add(SlotTransfer.parse(entry));
            } else {
                slots.add(SlotRange.parse(entry));
            }
        }
        return new ClusterNode(fields[0], hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)),
                busPort, normalisedFlags(fields[2]), "-".equals(fields[3]) ? null : fields[3],
                Long.parseLong(fields[6]), "connected".equals(fields[7]), List.copyOf(slots), List.copyOf(transfers));
    }

    /** Valkey may spell roles primary/replica; Redis 7 and Valkey's defaults write master/slave. */
    private static Set<String> normalisedFlags(String flags) {
        Set<String> normalised = new HashSet<>();
        for (String flag : flags.split(",")) {
            normalised.add(switch (flag) {
                case "primary" -> "master";
                case "replica" -> "slave";
                default -> flag;
            });
        }
        return Set.copyOf(normalised);
    }
}

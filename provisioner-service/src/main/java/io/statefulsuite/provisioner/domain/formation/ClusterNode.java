package io.statefulsuite.provisioner.domain.formation;

import java.util.List;
import java.util.Set;

/**
 * One line of CLUSTER NODES: a node as one member of the cluster sees it.
 *
 * @param ip          empty while the node has not learnt its own address yet
 * @param flags       e.g. myself, master, slave, fail?, fail, handshake, noaddr (Valkey's primary/replica
 *                    spellings are normalised to master/slave)
 * @param masterId    the node it replicates, or null
 * @param configEpoch the epoch of its slot claims; the higher one wins a conflict
 * @param connected   the cluster-bus link state
 */
public record ClusterNode(String id, String ip, int port, int busPort, Set<String> flags, String masterId,
                          long configEpoch, boolean connected, List<SlotRange> slots,
                          List<SlotTransfer> transfers) {

    public boolean isMyself() {
        return flags.contains("myself");
    }

    public boolean isMaster() {
        return flags.contains("master");
    }

    public boolean isReplica() {
        return flags.contains("slave");
    }

    public boolean inHandshake() {
        return flags.contains("handshake");
    }

    /** Flagged failing (fail) or possibly failing (fail?) by the observer. */
    public boolean isFailing() {
        return flags.contains("fail") || flags.contains("fail?");
    }

    public boolean hasSlots() {
        return !slots.isEmpty();
    }

    public boolean isAt(String host, int clientPort) {
        return ip.equals(host) && port == clientPort;
    }
}

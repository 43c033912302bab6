package io.statefulsuite.provisioner.domain.formation;

/**
 * A slot in flight, from CLUSTER NODES entries {@code [slot->-target]} (migrating) and {@code [slot-<-source]}
 * (importing).
 *
 * @param peerId the node the slot goes to (migrating) or comes from (importing)
 */
public record SlotTransfer(int slot, Direction direction, String peerId) {

    public enum Direction {
        MIGRATING,
        IMPORTING
    }

    static SlotTransfer parse(String entry) {
        String body = entry.substring(1, entry.length() - 1);
        int migrating = body.indexOf("->-");
        if (migrating > 0) {
            return new SlotTransfer(Integer.parseInt(body.substring(0, migrating)), Direction.MIGRATING,
                    body.substring(migrating + 3));
        }
        int importing = body.indexOf("-<-");
        if (importing > 0) {
            return new SlotTransfer(Integer.parseInt(body.substring(0, importing)), Direction.IMPORTING,
                    body.substring(importing + 3));
        }
        throw new IllegalArgumentException("Unknown slot transfer entry " + entry);
    }
}

package io.statefulsuite.health.domain;

/** The role a node was deployed for (the pod's StatefulSet, or a request's hint); used to spot drifted primaries. */
public enum IntendedRole {
    PRIMARY, REPLICA, UNKNOWN;

    public static IntendedRole parse(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "primary", "master" -> PRIMARY;
            case "replica", "slave" -> REPLICA;
            default -> UNKNOWN;
        };
    }
}

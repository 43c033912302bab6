package io.statefulsuite.health.domain;

/**
 * A node to check: {@code name} is the pod name (or host:port for explicit endpoints); zone and volume may be null
 * when unknown.
 */
public record NodeTarget(String name, String host, int port, String zone, IntendedRole intendedRole,
                         VolumeState volume) {

    public static NodeTarget endpoint(String host, int port, String zone, IntendedRole role) {
        return new NodeTarget(host + ":" + port, host, port, zone, role, null);
    }

    public String address() {
        return host + ":" + port;
    }
}

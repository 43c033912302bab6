package io.statefulsuite.keyvault.emulator;

import java.util.List;

/**
 * How an emulator instance listens and whom it trusts.
 *
 * @param host          address to bind (loopback by default)
 * @param port          0 picks a free port
 * @param hostNames     extra DNS names or addresses the server certificate must cover
 * @param tenantId      tenant named in the bearer challenge
 * @param requiredToken when set, the only bearer token accepted; otherwise any bearer token is
 */
public record EmulatorSettings(String host, int port, List<String> hostNames, String tenantId, String requiredToken) {

    public static final String DEFAULT_TENANT = "00000000-0000-0000-0000-000000000000";

    public EmulatorSettings {
        hostNames = hostNames == null ? List.of() : List.copyOf(hostNames);
    }

    public static EmulatorSettings defaults() {
        return new EmulatorSettings("127.0.0.1", 0, List.of(), DEFAULT_TENANT, null);
    }

    public EmulatorSettings withPort(int newPort) {
        return new EmulatorSettings(host, newPort, hostNames, tenantId, requiredToken);
    }

    public EmulatorSettings withRequiredToken(String token) {
        return new EmulatorSettings(host, port, hostNames, tenantId, token);
    }
}

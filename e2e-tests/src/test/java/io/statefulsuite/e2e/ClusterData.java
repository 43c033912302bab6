package io.statefulsuite.e2e;

import io.statefulsuite.testkit.valkey.RespClient;
import io.statefulsuite.testkit.valkey.RespException;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads and writes keys the way a cluster-aware client does: asks any node and follows MOVED redirections, waiting
 * out CLUSTERDOWN/TRYAGAIN while the cluster settles. The pods' IPs and the password are looked up afresh each
 * time, as they change over the tests.
 */
final class ClusterData {

    private static final int PORT = 6379;
    private static final int ATTEMPTS = 20;
    private final Supplier<List<String>> podIps;
    private final Supplier<String> password;

    ClusterData(Supplier<List<String>> podIps, Supplier<String> password) {
        this.podIps = podIps;
        this.password = password;
    }

    void set(String key, String value) {
        route(client -> client.command("SET", key, value));
    }

    String get(String key) {
        return (String) route(client -> client.command("GET", key));
    }

    private Object route(Function<RespClient, Object> command) {
        String host = null;
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (host == null) {
                List<String> ips = podIps.get();
                host = ips.get(attempt % ips.size());
            }
            try (RespClient client = new RespClient(host, PORT, password.get())) {
                return command.apply(client);
            } catch (RespException e) {
                last = e;
                host = movedTo(e.getMessage());
                if (host == null) {
                    pause();
                }
            }
        }
        throw new IllegalStateException("No answer from the cluster after " + ATTEMPTS + " attempts", last);
    }

    /** "MOVED 3999 127.0.3.7:6379" → "127.0.3.7"; anything else (CLUSTERDOWN, TRYAGAIN, I/O) → null. */
    private static String movedTo(String error) {
        if (error == null || !error.startsWith("MOVED ")) {
            return null;
        }
        String address = error.split(" ")[2];
        return address.substring(0, address.lastIndexOf(':'));
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

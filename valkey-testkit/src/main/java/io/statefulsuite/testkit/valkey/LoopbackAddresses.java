package io.statefulsuite.testkit.valkey;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out loopback addresses (127.a.b.c, never 127.0.0.1) on which the given ports are free, so that every
 * simulated pod can listen on the standard ports 6379/16379 and a restarted pod can come back elsewhere.
 * Linux routes all of 127.0.0.0/8 to the loopback interface, so no set-up is needed.
 */
public final class LoopbackAddresses {

    private static final int ATTEMPTS = 200;
    private static final Set<String> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private LoopbackAddresses() {
    }

    public static String allocate(int... ports) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String host = "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(2, 255);
            if (allFree(host, ports) && HANDED_OUT.add(host)) {
                return host;
            }
        }
        throw new IllegalStateException("No free loopback address found for ports " + java.util.Arrays.toString(ports));
    }

    /** A free port on 127.0.0.1, for servers that do not need their own address. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot find a free loopback port", e);
        }
    }

    static boolean allFree(String host, int... ports) {
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(host, port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}

package io.statefulsuite.provisioner.valkey;

import io.statefulsuite.testkit.valkey.LoopbackAddresses;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Stand-ins for pods that accept connections like a stalled Valkey and answer every command with an error only
 * once each of them has been connected to: "STALLED all pods were asked at once", or "STALLED asked alone" when the
 * others did not come within the patience. Only a caller that asks all pods concurrently hears the first.
 */
final class PodsAnsweringOnlyTogether implements AutoCloseable {

    static final String TOGETHER = "all pods were asked at once";
    /** Not ERR: Vert.x's handshake never completes after an ERR reply to HELLO other than "unknown command". */
    static final String REPLY_PREFIX = "STALLED";
    private final List<ServerSocket> servers = new ArrayList<>();
    private final CountDownLatch asked;
    private final Duration patience;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    PodsAnsweringOnlyTogether(int count, Duration patience) {
        this.asked = new CountDownLatch(count);
        this.patience = patience;
        for (int i = 0; i < count; i++) {
            try {
                ServerSocket server = new ServerSocket();
                server.bind(new InetSocketAddress(LoopbackAddresses.allocate(NodeConnections.CLIENT_PORT),
                        NodeConnections.CLIENT_PORT));
                servers.add(server);
                threads.execute(() -> acceptOnce(server));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    List<String> hosts() {
        return servers.stream().map(server -> server.getInetAddress().getHostAddress()).toList();
    }

    private void acceptOnce(ServerSocket server) {
        try (Socket socket = server.accept()) {
            asked.countDown();
            String reply = asked.await(patience.toMillis(), TimeUnit.MILLISECONDS) ? TOGETHER : "asked alone";
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("*")) {
                    out.write(("-" + REPLY_PREFIX + " " + reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client hung up or the test closed the server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        for (ServerSocket server : servers) {
            server.close();
        }
        threads.shutdownNow();
    }
}

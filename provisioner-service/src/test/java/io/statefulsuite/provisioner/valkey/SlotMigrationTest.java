package io.statefulsuite.provisioner.valkey;

import io.statefulsuite.provisioner.domain.NodeTransport;
import io.statefulsuite.provisioner.domain.formation.FormationAction.MigrateSlots;
import io.statefulsuite.provisioner.domain.formation.PodRole;
import io.statefulsuite.provisioner.domain.formation.SlotRange;
import io.statefulsuite.provisioner.domain.formation.ValkeyPod;
import io.statefulsuite.testkit.valkey.LoopbackAddresses;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlotMigrationTest {

    /**
     * A node whose slot lists a key that MIGRATE never finds, as a key mangled on its way back would be: the
     * migration must stop with a clear error instead of asking for the same key forever.
     */
    @Test
    void failsWhenMigrateAnswersNokeyForKeysStillListed() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(LoopbackAddresses.allocate(NodeConnections.CLIENT_PORT),
                    NodeConnections.CLIENT_PORT));
            Thread node = new Thread(() -> serveNokeyForever(server));
            node.setDaemon(true);
            node.start();
            String ip = server.getInetAddress().getHostAddress();
            ValkeyPod source = new ValkeyPod("cache-primary-0", ip, "1", PodRole.PRIMARY, 0);
            ValkeyPod target = new ValkeyPod("cache-primary-3", ip, "2", PodRole.PRIMARY, 3);
            MigrateSlots move = new MigrateSlots(source, "a".repeat(40), target, "b".repeat(40), new SlotRange(5, 5),
                    List.of());

            try (NodeConnections nodes = new NodeConnections(vertx, "pw", NodeTransport.PLAIN, Duration.ofSeconds(5))) {
                assertThatThrownBy(() -> new SlotMigration(nodes, "pw").migrate(move))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("NOKEY")
                        .hasMessageContaining("slot 5");
            }
        } finally {
            vertx.closeAndAwait();
        }
    }

    private static void serveNokeyForever(ServerSocket server) {
        try (Socket socket = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            for (List<String> command = read(in); command != null; command = read(in)) {
                out.write(reply(command).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException e) {
            // the test is over
        }
    }

    private static String reply(List<String> command) {
        String name = String.join(" ", command.subList(0, Math.min(2, command.size()))).toUpperCase();
        if (name.startsWith("HELLO")) {
            return "-ERR unknown command 'HELLO'\r\n";
        } else if (name.startsWith("CLUSTER COUNTKEYSINSLOT")) {
            return ":1\r\n";
        } else if (name.startsWith("CLUSTER GETKEYSINSLOT")) {
            return "*1\r\n$4\r\nkey1\r\n";
        } else if (name.startsWith("MIGRATE")) {
            return "+NOKEY\r\n";
        }
        return name.startsWith("PING") ? "+PONG\r\n" : "+OK\r\n";
    }

    /** One RESP command (an array of bulk strings), or null at the end of the stream. */
    private static List<String> read(BufferedReader in) throws IOException {
        String header = in.readLine();
        if (header == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (int i = Integer.parseInt(header.substring(1)); i > 0; i--) {
            in.readLine();
            parts.add(in.readLine());
        }
        return parts;
    }
}

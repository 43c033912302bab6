package io.statefulsuite.secretssync.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;
import io.statefulsuite.secretssync.crd.SecretSync;
import io.statefulsuite.secretssync.domain.SyncKey;
import io.statefulsuite.secretssync.sync.SyncOutcome;
import io.statefulsuite.secretssync.sync.SyncScheduler;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A routine refresh stuck on unresponsive vaults (every routine worker waiting on one) delays neither a sync-now
 * of another SecretSync nor a new SecretSync: both finish while every stuck request is still open.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(KeyVaultEmulatorResource.class)
class SlowVaultTest {

    /** As many stuck vaults as routine workers (secrets-sync.refresh.parallelism, default 4). */
    private static final int STUCK_VAULTS = 4;
    private static final String NS = "slow-vault";

    @KeyVaultEmulatorResource.InjectEmulator
    KeyVaultEmulator vault;

    @Inject
    KubernetesClient client;

    @Inject
    SyncScheduler scheduler;

    @Test
    void onDemandWorkDoesNotWaitForAStuckRefresh() throws Exception {
        vault.seed("slow-other", "fast");
        Specs.put(NS, "other", Specs.body(vault.vaultUrl(), "other", """
                "data": [{"secretKey": "k", "remoteRef": {"name": "slow-other"}}]""")).statusCode(201);
        Specs.syncNow(NS, "other").statusCode(200);
        List<BlackHole> stuck = new ArrayList<>();
        try {
            for (int i = 0; i < STUCK_VAULTS; i++) {
                stuck.add(stuckSync("stuck-" + i));
            }
            await().until(() -> scheduler.knownSyncs().containsAll(keys(stuck)) && scheduler.syncsInFlight() == 0);
            stuck.forEach(BlackHole::arm);

            CompletableFuture<Map<SyncKey, SyncOutcome>> refresh = CompletableFuture.supplyAsync(scheduler::refreshAllNow);
            await().atMost(Duration.ofSeconds(30)).until(() -> stuck.stream().allMatch(hole -> hole.accepted() > 0));

            vault.seed("slow-other", "changed");
            Specs.syncNow(NS, "other").statusCode(200).body("outcome", equalTo("synced"));
            Specs.put(NS, "fresh", Specs.body(vault.vaultUrl(), "fresh", """
                    "data": [{"secretKey": "k", "remoteRef": {"name": "slow-other"}}]""")).statusCode(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> Specs.data(client, NS, "fresh") != null);

            assertThat(stuck).allSatisfy(hole -> assertThat(hole.closed()).as("stuck requests ended").isZero());
            assertThat(refresh).isNotDone();
            assertThat(Specs.data(client, NS, "other")).isEqualTo(Map.of("k", "changed"));
            assertThat(Specs.data(client, NS, "fresh")).isEqualTo(Map.of("k", "changed"));
            stuck.forEach(BlackHole::close);
            refresh.join();
        } finally {
            stuck.forEach(BlackHole::close);
            for (SyncKey key : keys(stuck)) {
                client.resources(SecretSync.class).inNamespace(NS).withName(key.name()).delete();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> keys(stuck).stream().noneMatch(scheduler.knownSyncs()::contains));
        }
    }

    private BlackHole stuckSync(String name) {
        BlackHole hole = BlackHole.open();
        Specs.put(NS, name, Specs.body("https://127.0.0.1:" + hole.port(), name, """
                "data": [{"secretKey": "k", "remoteRef": {"name": "never"}}]""")).statusCode(201);
        hole.name = name;
        return hole;
    }

    private static List<SyncKey> keys(List<BlackHole> holes) {
        return holes.stream().map(hole -> new SyncKey(NS, hole.name)).toList();
    }

    /**
     * A vault that, once armed, accepts connections and never answers, noticing when a client gives up; before
     * that it hangs up at once, so the first syncs of its SecretSyncs fail fast.
     */
    private static final class BlackHole implements AutoCloseable {
        private final ServerSocket server;
        private volatile boolean armed;
        private final AtomicInteger accepted = new AtomicInteger();
        private final AtomicInteger closed = new AtomicInteger();
        private final List<Socket> sockets = new ArrayList<>();
        private volatile String name;

        private BlackHole(ServerSocket server) {
            this.server = server;
        }

        static BlackHole open() {
            try {
                BlackHole hole = new BlackHole(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
                Thread acceptor = new Thread(hole::acceptForever, "black-hole");
                acceptor.setDaemon(true);
                acceptor.start();
                return hole;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void arm() {
            armed = true;
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        int closed() {
            return closed.get();
        }

        private void acceptForever() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    if (!armed) {
                        socket.close();
                        continue;
                    }
                    synchronized (sockets) {
                        sockets.add(socket);
                    }
                    accepted.incrementAndGet();
                    Thread reader = new Thread(() -> drainUntilClosed(socket), "black-hole-reader");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void drainUntilClosed(Socket socket) {
            try (InputStream in = socket.getInputStream()) {
                byte[] buffer = new byte[4096];
                while (in.read(buffer) >= 0) {
                    // a TLS ClientHello that is never answered
                }
            } catch (IOException e) {
                // the client reset the connection: it gave up as well
            }
            if (!server.isClosed()) {
                closed.incrementAndGet();
            }
        }

        @Override
        public void close() {
            try {
                armed = false;
                server.close();
                synchronized (sockets) {
                    for (Socket socket : sockets) {
                        socket.close();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

package io.statefulsuite.provisioner.manifests;

import io.statefulsuite.provisioner.crd.PersistenceSpec;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import io.statefulsuite.keyvault.emulator.EmulatorTls;
import io.statefulsuite.testkit.valkey.LoopbackAddresses;
import io.statefulsuite.testkit.valkey.RespClient;
import io.statefulsuite.testkit.valkey.RespException;
import io.statefulsuite.testkit.valkey.ValkeyNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the container scripts from the ConfigMap with {@code sh} against real Valkey (or redis-server) processes
 * on their own loopback addresses: start-up with the password include, readiness, liveness and the preStop
 * failover.
 */
class ContainerScriptsTest {

    /** What the nodes of the testkit run with (it writes the password unquoted, so no spaces). */
    private static final String PASSWORD = "horse-$battery-staple";
    /** start.sh quotes the password, so spaces and '$' survive into valkey.conf. */
    private static final String PASSWORD_WITH_SPACES = "correct horse $battery staple";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Path scripts;
    private Path passwordFile;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final Map<String, String> tlsEnv = new HashMap<>();

    @BeforeAll
    static void requireTheCli() {
        boolean cli = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(p -> Files.isExecutable(Path.of(p, "valkey-cli")) || Files.isExecutable(Path.of(p, "redis-cli")));
        assertThat(cli).as("valkey-cli or redis-cli must be on PATH (valkey-tools: ./deploy/local/install-prerequisites.sh)").isTrue();
    }

    @BeforeEach
    void writeScriptsAndSecret() throws IOException {
        scripts = Files.createDirectories(dir.resolve("scripts"));
        writeScripts(false);
        passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, PASSWORD); // as a Secret key is mounted: no trailing newline
    }

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable server : running) {
            server.close();
        }
    }

    @Test
    void startWritesThePasswordIncludeInPrivateAndRunsTheRenderedConfig() throws Exception {
        String host = LoopbackAddresses.allocate(6379, 16379);
        Path authFile = dir.resolve("auth.conf");
        Path conf = writeRenderedConf(host, authFile);
        Files.writeString(passwordFile, PASSWORD_WITH_SPACES);

        ProcessBuilder start = new ProcessBuilder("sh", scripts.resolve(ContainerScripts.START).toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        start.environment().putAll(scriptEnv());
        start.environment().putAll(Map.of("VALKEY_CONF", conf.toString(), "VALKEY_AUTH_FILE", authFile.toString()));
        Process server = start.start();
        running.add(() -> {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        });
        awaitPong(host, server);

        try (RespClient client = new RespClient(host, 6379, PASSWORD_WITH_SPACES)) {
            assertThat(client.command("CONFIG", "GET", "save")).asString().contains("900 1 300 10");
            assertThat(client.command("CONFIG", "GET", "maxmemory")).asString().contains("2147483648");
            assertThat(client.command("CONFIG", "GET", "cluster-enabled")).asString().contains("yes");
        }
        try (RespClient anonymous = new RespClient(host, 6379)) {
            assertThat(catching(() -> anonymous.command("GET", "k"))).contains("NOAUTH");
        }
        assertThat(Files.getPosixFilePermissions(authFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(authFile)).isEqualTo(
                "requirepass \"" + PASSWORD_WITH_SPACES + "\"\nmasterauth \"" + PASSWORD_WITH_SPACES + "\"\n");
        // start.sh exec'd the server: same process, whose command line and environment never saw the password.
        String commandLine = Files.readString(Path.of("/proc", Long.toString(server.pid()), "cmdline"));
        assertThat(commandLine).containsPattern("(valkey|redis)-server").doesNotContain("horse");
        String environment = Files.readString(Path.of("/proc", Long.toString(server.pid()), "environ"));
        assertThat(environment).doesNotContain("horse");
    }

    @Test
    void startRefusesAPasswordItCannotQuoteAndAnEmptySecret() throws Exception {
        Path authFile = dir.resolve("auth.conf");

        Files.writeString(passwordFile, "pass\"word");
        Result quoted = run(ContainerScripts.START, Map.of("VALKEY_AUTH_FILE", authFile.toString()));
        assertThat(quoted.exitCode()).isEqualTo(1);
        assertThat(quoted.output()).contains("must not contain").doesNotContain("pass\"word");

        Files.writeString(passwordFile, "");
        Result empty = run(ContainerScripts.START, Map.of("VALKEY_AUTH_FILE", authFile.toString()));
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.output()).contains("no password");
        assertThat(authFile).doesNotExist();
    }

    @Test
    void readyMeansPongAndOnceOthersAreKnownAHealthyCluster() {
        ValkeyNode a = node();
        ValkeyNode b = node();
        assertThat(probe(ContainerScripts.READY, a).exitCode()).as("alone: ready to be formed").isZero();

        a.command("CLUSTER", "MEET", b.host(), Integer.toString(b.port()));
        await().atMost(PATIENCE).until(() -> a.client().text("CLUSTER", "INFO").contains("cluster_known_nodes:2"));
        Result unformed = probe(ContainerScripts.READY, a);
        assertThat(unformed.exitCode()).isEqualTo(1);
        assertThat(unformed.output()).contains("cluster_state is not ok");

        a.command("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
        await().atMost(PATIENCE).until(() -> probe(ContainerScripts.READY, a).exitCode() == 0);
    }

    @Test
    void probesFailWithAWrongPassword() throws IOException {
        ValkeyNode a = node();
        Files.writeString(passwordFile, "wrong");

        assertThat(probe(ContainerScripts.READY, a).exitCode()).isEqualTo(1);
        assertThat(probe(ContainerScripts.LIVE, a).exitCode()).isEqualTo(1);
    }

    @Test
    void aliveWhileAnsweringDeadWhenGone() {
        ValkeyNode a = node();
        assertThat(probe(ContainerScripts.LIVE, a).exitCode()).isZero();

        a.stop();
        assertThat(probe(ContainerScripts.LIVE, a).exitCode()).isEqualTo(1);
    }

    @Test
    void preStopHandsAPrimarysSlotsToItsReplicaAndLeavesReplicasAlone() {
        ValkeyNode primary = node();
        ValkeyNode replica = node();
        servingWithReplica(primary, replica);

        Result handover = probe(ContainerScripts.PRE_STOP, primary);

        assertThat(handover.exitCode()).isZero();
        assertThat(handover.output()).contains("handed over");
        assertThat(replica.client().text("INFO", "replication")).contains("role:master");
        assertThat(primary.client().text("INFO", "replication")).contains("role:slave");

        Result asReplica = probe(ContainerScripts.PRE_STOP, primary);
        assertThat(asReplica.exitCode()).isZero();
        assertThat(asReplica.output()).doesNotContain("handing");
    }

    @Test
    void preStopOfAPrimaryWithoutSlotsDoesNothing() {
        ValkeyNode lonely = node();

        Result result = probe(ContainerScripts.PRE_STOP, lonely);

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).doesNotContain("handing");
        assertThat(lonely.client().text("INFO", "replication")).contains("role:master");
    }

    @Test
    void withTlsTheProbesAndThePreStopHandoverSpeakTlsTrustingTheMountedCa() throws IOException {
        EmulatorTls.PemFiles pem = EmulatorTls.generate(List.of()).writePemFiles(dir.resolve("tls"));
        writeScripts(true);
        tlsEnv.put("VALKEY_TLS_CA_FILE", pem.caCertificate().toString());
        ValkeyNode primary = tlsNode(pem);
        ValkeyNode replica = tlsNode(pem);
        assertThat(probe(ContainerScripts.LIVE, primary).exitCode()).isZero();
        assertThat(probe(ContainerScripts.READY, primary).exitCode()).isZero();
        servingWithReplica(primary, replica);

        Result handover = probe(ContainerScripts.PRE_STOP, primary);

        assertThat(handover.output()).contains("handed over");
        assertThat(replica.client().text("INFO", "replication")).contains("role:master");
    }

    @Test
    void withTlsAServerCertificateFromAnotherCaFailsTheProbes() throws IOException {
        EmulatorTls.PemFiles pem = EmulatorTls.generate(List.of()).writePemFiles(dir.resolve("tls"));
        EmulatorTls.PemFiles stranger = EmulatorTls.generate(List.of()).writePemFiles(dir.resolve("other-ca"));
        writeScripts(true);
        tlsEnv.put("VALKEY_TLS_CA_FILE", stranger.caCertificate().toString());
        ValkeyNode node = tlsNode(pem);

        assertThat(probe(ContainerScripts.LIVE, node).exitCode()).isEqualTo(1);
        assertThat(probe(ContainerScripts.READY, node).exitCode()).isEqualTo(1);
    }

    /** {@code primary} serves all slots, {@code replica} follows it with its link up. */
    private static void servingWithReplica(ValkeyNode primary, ValkeyNode replica) {
        primary.command("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
        primary.command("CLUSTER", "MEET", replica.host(), Integer.toString(replica.port()));
        String primaryId = primary.client().text("CLUSTER", "MYID");
        await().atMost(PATIENCE).until(() -> replica.client().text("CLUSTER", "NODES").contains(primaryId));
        replica.command("CLUSTER", "REPLICATE", primaryId);
        await().atMost(PATIENCE).until(() -> primary.client().text("INFO", "replication").contains("state=online"));
    }

    private ValkeyNode node() {
        return started(ValkeyNode.builder().clusterEnabled(true).password(PASSWORD).appendOnly(false));
    }

    private ValkeyNode tlsNode(EmulatorTls.PemFiles pem) {
        return started(ValkeyNode.builder().clusterEnabled(true).password(PASSWORD).appendOnly(false)
                .tls(pem.certificate(), pem.privateKey(), pem.caCertificate()));
    }

    private ValkeyNode started(ValkeyNode.Builder builder) {
        ValkeyNode node = builder.start();
        running.add(node);
        return node;
    }

    private void writeScripts(boolean tls) throws IOException {
        for (Map.Entry<String, String> file : ContainerScripts.files(tls).entrySet()) {
            Files.writeString(scripts.resolve(file.getKey()), file.getValue());
        }
    }

    private Result probe(String script, ValkeyNode node) {
        return run(script, Map.of("VALKEY_HOST", node.host(), "VALKEY_PORT", Integer.toString(node.port())));
    }

    private Result run(String script, Map<String, String> env) {
        try {
            ProcessBuilder builder = new ProcessBuilder("sh", scripts.resolve(script).toString()).redirectErrorStream(true);
            builder.environment().putAll(scriptEnv());
            builder.environment().putAll(env);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(script + " ended").isTrue();
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> scriptEnv() {
        Map<String, String> env = new HashMap<>(tlsEnv);
        env.putAll(Map.of("VALKEY_SCRIPTS", scripts.toString(), "VALKEY_PASSWORD_FILE", passwordFile.toString(),
                "VALKEY_FAILOVER_WAIT_SECONDS", "20"));
        return env;
    }

    private Path writeRenderedConf(String host, Path authFile) throws IOException {
        ValkeyClusterSpec spec = new ValkeyClusterSpec();
        spec.setPersistence(new PersistenceSpec(true, "everysec", List.of("900 1", "300 10")));
        spec.setMaxmemory("2Gi");
        Path data = Files.createDirectories(dir.resolve("data"));
        String conf = ValkeyConfFile.render("cache", "orders", ResolvedSpec.resolve("cache", "orders", spec))
                .replace("bind * -::*", "bind " + host)
                .replace("dir /data", "dir " + data)
                .replace("/data/nodes.conf", data.resolve("nodes.conf").toString())
                .replace(ValkeyConfFile.AUTH_INCLUDE, authFile.toString());
        Path file = dir.resolve("valkey.conf");
        Files.writeString(file, conf);
        return file;
    }

    private static void awaitPong(String host, Process server) {
        await().atMost(PATIENCE).until(() -> {
            assertThat(server.isAlive()).as("server process").isTrue();
            try (RespClient client = new RespClient(host, 6379, PASSWORD_WITH_SPACES)) {
                return "PONG".equals(client.command("PING"));
            } catch (RespException e) {
                return false;
            }
        });
    }

    private static String catching(Runnable action) {
        try {
            action.run();
            return "";
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private record Result(int exitCode, String output) {
    }
}

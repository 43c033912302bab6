package io.statefulsuite.testkit.valkey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One real {@code valkey-server}/{@code redis-server} process on its own loopback address: the stand-in for a
 * Valkey pod. Its data directory outlives the process, so a kill and restart keeps AOF data and
 * {@code nodes.conf}, and {@link #restartOn(String)} brings it back on a new address as a rescheduled pod would.
 * The password reaches the server through an included file (mode 600), never the command line.
 */
public final class ValkeyNode implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);
    /** Servers still running when the JVM ends (a killed test run, Ctrl-C) are killed too, not left behind. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "valkey-node-reaper"));
    }
    private final Settings settings;
    private final String host;
    private Process process;

    private ValkeyNode(Settings settings, String host) {
        this.settings = settings;
        this.host = host;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    public int port() {
        return settings.port;
    }

    public Path dataDir() {
        return settings.dataDir;
    }

    public Path logFile() {
        return settings.workDir.resolve("server-" + host + ".log");
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public RespClient client() {
        return new RespClient(host, settings.port, settings.password, settings.tls == null ? null : settings.tls.clientSockets());
    }

    /** Sends one command on a fresh connection; handy for assertions. */
    public Object command(String... args) {
        try (RespClient client = client()) {
            return client.command(args);
        }
    }

    /** SIGKILL: no shutdown save, as when a node dies. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            awaitExit();
        }
    }

    /** SIGTERM: a graceful stop. */
    public void stop() {
        if (process != null) {
            process.destroy();
            awaitExit();
        }
    }

    /** A new process with the same address and data directory. */
    public ValkeyNode restart() {
        return restartOn(host);
    }

    /** A new process with the same data directory on another address (the caller stops this one first). */
    public ValkeyNode restartOn(String newHost) {
        if (isRunning()) {
            throw new IllegalStateException("Stop or kill " + host + " before restarting it");
        }
        return new ValkeyNode(settings, newHost).launch();
    }

    @Override
    public void close() {
        kill();
    }

    private ValkeyNode launch() {
        try {
            Files.createDirectories(settings.dataDir);
            Path config = writeConfig();
            process = new ProcessBuilder(ValkeyBinary.locate().toString(), config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
            Process started = process;
            RUNNING.add(started);
            started.onExit().thenRun(() -> RUNNING.remove(started));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a Valkey server on " + host + ":" + settings.port, e);
        }
        awaitPing();
        return this;
    }

    private Path writeConfig() throws IOException {
        Path confDir = Files.createDirectories(settings.workDir.resolve("conf-" + host));
        List<String> lines = new ArrayList<>();
        lines.add("bind " + host);
        // Outgoing connections (cluster bus, replication) leave from the node's own address, as from a pod's IP.
        lines.add("bind-source-addr " + host);
        if (settings.tls == null) {
            lines.add("port " + settings.port);
        } else {
            lines.addAll(settings.tls.directives(settings.port));
        }
        lines.add("protected-mode no");
        lines.add("daemonize no");
        lines.add("dir " + settings.dataDir.toAbsolutePath());
        lines.add("appendonly " + (settings.appendOnly ? "yes" : "no"));
        lines.add("save \"\"");
        if (settings.clusterEnabled) {
            lines.add("cluster-enabled yes");
            lines.add("cluster-config-file nodes.conf");
            lines.add("cluster-node-timeout " + settings.clusterNodeTimeoutMillis);
        }
        lines.addAll(settings.extraConfig);
        if (settings.password != null) {
            Path auth = confDir.resolve("auth.conf");
            Files.writeString(auth, "requirepass " + settings.password + "\nmasterauth " + settings.password + "\n");
            Files.setPosixFilePermissions(auth, PosixFilePermissions.fromString("rw-------"));
            lines.add("include " + auth.toAbsolutePath());
        }
        Path config = confDir.resolve("valkey.conf");
        Files.write(config, lines);
        return config;
    }

    private void awaitPing() {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Valkey server on " + host + ":" + settings.port
                        + " exited with " + process.exitValue() + "; log: " + logTail());
            }
            try (RespClient client = client()) {
                if ("PONG".equals(client.command("PING"))) {
                    return;
                }
            } catch (RespException e) {
                last = e;
            }
            sleep(50);
        }
        kill();
        throw new IllegalStateException("Valkey server on " + host + ":" + settings.port + " did not answer PING in "
                + STARTUP_TIMEOUT + "; log: " + logTail(), last);
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a Valkey server", e);
        }
    }

    private static final class Settings {
        private Path workDir;
        private Path dataDir;
        private int port = 6379;
        private String password;
        private boolean clusterEnabled;
        private boolean appendOnly = true;
        private long clusterNodeTimeoutMillis = 2_000;
        private final List<String> extraConfig = new ArrayList<>();
        private ServerTls tls;
    }

    public static final class Builder {
        private final Settings settings = new Settings();
        private String host;

        /** The address to listen on; default: a free loopback address from {@link LoopbackAddresses}. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            settings.port = port;
            return this;
        }

        /** Where config and logs go; the data directory defaults to {@code workDir/data}. */
        public Builder workDir(Path workDir) {
            settings.workDir = workDir;
            return this;
        }

        /** The "PVC": kept across restarts. */
        public Builder dataDir(Path dataDir) {
            settings.dataDir = dataDir;
            return this;
        }

        public Builder password(String password) {
            settings.password = password;
            return this;
        }

        public Builder clusterEnabled(boolean clusterEnabled) {
            settings.clusterEnabled = clusterEnabled;
            return this;
        }

        public Builder appendOnly(boolean appendOnly) {
            settings.appendOnly = appendOnly;
            return this;
        }

        /**
         * Serves clients, replication and the cluster bus over TLS only (no plain port), with the given PEM files
         * as a pod mounts them from a {@code kubernetes.io/tls} Secret. Clients need no certificate of their own.
         */
        public Builder tls(Path certificate, Path privateKey, Path caCertificate) {
            settings.tls = new ServerTls(certificate, privateKey, caCertificate);
            return this;
        }

        public Builder clusterNodeTimeout(Duration timeout) {
            settings.clusterNodeTimeoutMillis = timeout.toMillis();
            return this;
        }

        /**
         * Any further {@code valkey.conf} directive, e.g. {@code config("save", "900 1")}; repeatable, and a later
         * directive wins over the defaults above as in the server's own config parsing.
         */
        public Builder config(String directive, String value) {
            settings.extraConfig.add(directive + " " + value);
            return this;
        }

        public ValkeyNode start() {
            try {
                if (settings.workDir == null) {
                    settings.workDir = Files.createTempDirectory("valkey-node-");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (settings.dataDir == null) {
                settings.dataDir = settings.workDir.resolve("data");
            }
            String address = host != null ? host : LoopbackAddresses.allocate(settings.port, settings.port + 10_000);
            return new ValkeyNode(settings, address).launch();
        }
    }
}

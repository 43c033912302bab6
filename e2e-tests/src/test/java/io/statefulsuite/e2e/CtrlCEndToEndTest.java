package io.statefulsuite.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack as a user at a terminal meets it: {@code java -jar local-stack.jar} on a pseudo-terminal (util-linux
 * {@code script}), the pipeline flow run to a Ready cluster, then Ctrl-C typed on that terminal. The terminal sends
 * SIGINT to the whole foreground process group, so the stack, its three service JVMs and its Valkey servers all get
 * it at once; afterwards no process of the run may remain (not even one restarted by the simulated kubelet while
 * the others stopped), and no port of the run may still listen.
 */
class CtrlCEndToEndTest {

    private static final String RUNNING = "Running. Press Ctrl-C to stop.";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final byte CTRL_C = 0x03;

    @TempDir
    Path work;
    private Process terminal;

    @Test
    void ctrlCOnTheTerminalStopsEveryProcessAndPortTheStackStarted() throws Exception {
        int apiPort = FreePorts.one();
        int vaultPort = FreePorts.one();
        int servicePortBase = FreePorts.run(3);
        Path output = work.resolve("terminal.log");
        Path stackDir = work.resolve("stack");
        terminal = new ProcessBuilder("script", "-qfec", stackCommand(stackDir, apiPort, vaultPort, servicePortBase),
                "/dev/null").redirectErrorStream(true).redirectOutput(output.toFile()).start();

        awaitOutput(output, RUNNING, START_TIMEOUT);
        List<ProcessHandle> started = terminal.descendants().toList();
        assertThat(started).as("the stack's processes").extracting(CtrlCEndToEndTest::program)
                .contains("java", "valkey-server");
        assertThat(started.stream().filter(process -> program(process).equals("java"))).as("stack + 3 services")
                .hasSize(4);

        try (OutputStream keyboard = terminal.getOutputStream()) {
            keyboard.write(CTRL_C);
            keyboard.flush();
            assertThat(terminal.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("the terminal's command ended; output:%n%s", read(output)).isTrue();
        }

        assertThat(started.stream().filter(ProcessHandle::isAlive)).as("processes still alive").isEmpty();
        assertThat(processesWorkingIn(stackDir)).as("processes left behind in %s", stackDir).isEmpty();
        for (int port : List.of(apiPort, vaultPort, servicePortBase, servicePortBase + 1, servicePortBase + 2)) {
            assertThat(listens(port)).as("port %d still listens", port).isFalse();
        }
        assertThat(read(output)).contains("Stopping every process the stack started");
    }

    private static String stackCommand(Path stackDir, int apiPort, int vaultPort, int servicePortBase) {
        Path repo = Path.of(System.getProperty("suite.repo", "..")).toAbsolutePath().normalize();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return String.join(" ", quote(java), "-jar", quote(repo.resolve("deploy/local/target/local-stack.jar")),
                "--repo", quote(repo), "--workdir", quote(stackDir), "--namespace", "ctrl-c",
                "--api-port", String.valueOf(apiPort), "--vault-port", String.valueOf(vaultPort),
                "--service-port-base", String.valueOf(servicePortBase));
    }

    private static String quote(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }

    private void awaitOutput(Path output, String line, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        for (String text = read(output); !text.contains(line); text = read(output)) {
            assertThat(terminal.isAlive()).as("the stack exited before '%s'; output:%n%s", line, text).isTrue();
            assertThat(Instant.now()).as("'%s' within %s; output:%n%s", line, timeout, text).isBefore(deadline);
            Thread.sleep(500);
        }
    }

    /** Valkey servers rewrite their command line, but they work in their data folder under the stack's workdir. */
    private static List<Long> processesWorkingIn(Path folder) throws IOException {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(entry -> entry.getFileName().toString().matches("\\d+"))
                    .filter(entry -> workingDirectory(entry).map(cwd -> cwd.startsWith(folder)).orElse(false))
                    .map(entry -> Long.parseLong(entry.getFileName().toString())).toList();
        }
    }

    private static Optional<Path> workingDirectory(Path procEntry) {
        try {
            return Optional.of(Files.readSymbolicLink(procEntry.resolve("cwd")));
        } catch (IOException | SecurityException e) {
            return Optional.empty(); // gone meanwhile, or not ours
        }
    }

    /** The name the program was started as: {@code valkey-server} is a link to Debian's multi-call binary. */
    private static String program(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "comm")).strip();
        } catch (IOException e) {
            return "(gone)";
        }
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path output) {
        try {
            return new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @AfterEach
    void killWhatRemains() {
        if (terminal != null) {
            terminal.descendants().forEach(ProcessHandle::destroyForcibly);
            terminal.destroyForcibly();
        }
    }
}

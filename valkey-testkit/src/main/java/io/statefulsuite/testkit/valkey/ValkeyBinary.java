package io.statefulsuite.testkit.valkey;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The server binary that every test and the local stack run: {@code valkey-server} (Valkey 8) from the PATH, or
 * for a compatibility run the one named by {@code -Dvalkey.server=PATH|NAME} (or {@code VALKEY_SERVER_BIN}), e.g.
 * Redis 7's {@code redis-server} or a newer Valkey. Nothing falls back to another server on its own: a missing
 * binary is an error that says what to install. The first use prints which server and version the run uses.
 */
public final class ValkeyBinary {

    public static final String PROPERTY = "valkey.server";
    public static final String OVERRIDE_VARIABLE = "VALKEY_SERVER_BIN";
    static final String DEFAULT = "valkey-server";

    private static volatile Path located;

    private ValkeyBinary() {
    }

    /** The binary of this run; announced on first use. */
    public static Path locate() {
        Path binary = located;
        if (binary == null) {
            synchronized (ValkeyBinary.class) {
                if (located == null) {
                    located = resolve(name -> Optional.ofNullable(System.getProperty(name)).orElse(System.getenv(name)),
                            System.getenv("PATH") + File.pathSeparator + "/usr/bin" + File.pathSeparator
                                    + "/usr/local/bin");
                    System.out.println("[valkey-testkit] server under test: " + located + " (" + version(located) + ")");
                }
                binary = located;
            }
        }
        return binary;
    }

    /** The first line {@code --version} prints, e.g. {@code Valkey server v=8.0.1 sha=00000000:0 ...}. */
    public static String version(Path binary) {
        try {
            Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            try (InputStream out = process.getInputStream()) {
                String text = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
                process.waitFor(10, TimeUnit.SECONDS);
                return text.lines().findFirst().orElse("no version printed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + binary + " --version", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking " + binary + " for its version", e);
        }
    }

    /**
     * @param settings looks up {@code valkey.server} (a system property) and {@code VALKEY_SERVER_BIN}
     * @param path     the PATH to search a bare name in
     */
    static Path resolve(UnaryOperator<String> settings, String path) {
        String chosen = Optional.ofNullable(settings.apply(PROPERTY)).filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(settings.apply(OVERRIDE_VARIABLE)).filter(s -> !s.isBlank()))
                .orElse(DEFAULT);
        Optional<Path> found = chosen.contains("/") ? Optional.of(Path.of(chosen)).filter(Files::isExecutable)
                : onPath(chosen, path);
        return found.orElseThrow(() -> new IllegalStateException(DEFAULT.equals(chosen)
                ? "valkey-server is not on the PATH. Install Valkey 8: ./deploy/local/install-prerequisites.sh "
                        + "(Debian 12: apt-get install -t bookworm-backports valkey-server valkey-tools), or name "
                        + "another server with -D" + PROPERTY + "=PATH"
                : "The server named by -D" + PROPERTY + " / " + OVERRIDE_VARIABLE + " (" + chosen
                        + ") is not an executable file" + (chosen.contains("/") ? "" : " on the PATH")));
    }

    private static Optional<Path> onPath(String name, String path) {
        return Arrays.stream(Optional.ofNullable(path).orElse("").split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    }
}

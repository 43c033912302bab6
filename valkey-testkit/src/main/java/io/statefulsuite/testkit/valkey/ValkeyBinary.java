package io.statefulsuite.testkit.valkey;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the server binary: {@code VALKEY_SERVER_BIN}, else {@code valkey-server}, else Debian's
 * {@code redis-server} (7.x speaks the same protocol). A missing binary is an error, never a skip.
 */
public final class ValkeyBinary {

    public static final String OVERRIDE_VARIABLE = "VALKEY_SERVER_BIN";
    private static final List<String> CANDIDATES = List.of("valkey-server", "redis-server");

    private ValkeyBinary() {
    }

    public static Path locate() {
        return find().orElseThrow(() -> new IllegalStateException(
                "Neither valkey-server nor redis-server is on the PATH (nor set in " + OVERRIDE_VARIABLE
                        + "). Install one, e.g. `apt-get install -y redis-server`."));
    }

    public static Optional<Path> find() {
        String override = System.getenv(OVERRIDE_VARIABLE);
        if (override != null && !override.isBlank()) {
            Path path = Path.of(override);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin"
                + File.pathSeparator + "/usr/local/bin";
        for (String candidate : CANDIDATES) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                Path path = Path.of(dir.isEmpty() ? "." : dir, candidate);
                if (Files.isExecutable(path)) {
                    return Optional.of(path);
                }
            }
        }
        return Optional.empty();
    }

    /** True for Valkey, false for Redis; decided by the binary's name as INFO is not at hand yet. */
    public static boolean isValkey() {
        return locate().getFileName().toString().startsWith("valkey");
    }
}

package io.statefulsuite.local.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** run.sh answers --help at once: the usage of the stack, before it installs or builds anything. */
class RunScriptTest {

    private static final Path USAGE = Path.of("src/main/resources/io/statefulsuite/local/stack/usage.txt");

    @TempDir
    Path repo;

    @Test
    void helpPrintsTheStacksUsageWithoutInstallingOrBuilding() throws Exception {
        // a checkout holding only the script and its usage text: installing or building would fail here
        Path script = copy(Path.of("run.sh"), "deploy/local/run.sh");
        copy(USAGE, "deploy/local/" + USAGE);

        for (String flag : new String[] {"--help", "-h"}) {
            Process process = new ProcessBuilder("bash", script.toString(), "--no-pipeline", flag)
                    .redirectErrorStream(true).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output.strip()).isEqualTo(StackOptions.USAGE);
        }
    }

    private Path copy(Path source, String target) throws IOException {
        Path file = repo.resolve(target);
        Files.createDirectories(file.getParent());
        return Files.copy(source, file, StandardCopyOption.COPY_ATTRIBUTES);
    }
}

package io.statefulsuite.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceAccountTokenFilterTest {

    @TempDir
    Path dir;

    @Test
    void noFileNoToken() {
        assertThat(filter(dir.resolve("absent")).currentToken()).isEmpty();
    }

    @Test
    void theTokenIsReadWithoutItsLineEnd() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "first.token\n");

        assertThat(filter(file).currentToken()).contains("first.token");
    }

    /** kubelet writes a new timestamped directory and swaps the ..data symlink, as for every projected volume. */
    @Test
    void aRotatedTokenIsPickedUp() throws IOException {
        Path first = Files.createDirectory(dir.resolve("..2026_11_25_19_00_00"));
        Files.writeString(first.resolve("token"), "first.token");
        Path data = Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
        Path token = Files.createSymbolicLink(dir.resolve("token"), Path.of("..data/token"));
        ServiceAccountTokenFilter filter = filter(token);
        assertThat(filter.currentToken()).contains("first.token");

        Path second = Files.createDirectory(dir.resolve("..2026_11_25_19_50_00"));
        Files.writeString(second.resolve("token"), "second.token");
        Path swap = Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
        Files.move(swap, data, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        assertThat(filter.currentToken()).contains("second.token");
    }

    @Test
    void aTokenThatDisappearsIsNoLongerSent() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "first.token");
        ServiceAccountTokenFilter filter = filter(file);
        assertThat(filter.currentToken()).isPresent();

        Files.delete(file);

        assertThat(filter.currentToken()).isEmpty();
    }

    private static ServiceAccountTokenFilter filter(Path tokenFile) {
        return new ServiceAccountTokenFilter(new AuthConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Duration cacheTtl() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration failureCacheTtl() {
                return Duration.ofSeconds(5);
            }

            @Override
            public int cacheSize() {
                return 10;
            }

            @Override
            public Optional<List<String>> audiences() {
                return Optional.empty();
            }

            @Override
            public Path clientTokenFile() {
                return tokenFile;
            }
        });
    }
}

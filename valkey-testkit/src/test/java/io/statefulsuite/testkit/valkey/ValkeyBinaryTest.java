package io.statefulsuite.testkit.valkey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValkeyBinaryTest {

    @TempDir
    Path bin;

    @Test
    void valkeyServerIsTheDefault() throws IOException {
        Path valkey = executable("valkey-server");
        executable("redis-server");

        assertThat(ValkeyBinary.resolve(Map.<String, String>of()::get, bin.toString())).isEqualTo(valkey);
    }

    @Test
    void redisIsNeverASilentFallback() throws IOException {
        executable("redis-server");

        assertThatThrownBy(() -> ValkeyBinary.resolve(Map.<String, String>of()::get, bin.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("valkey-server is not on the PATH").hasMessageContaining("bookworm-backports");
    }

    @Test
    void thePropertyNamesAServerForACompatibilityRun() throws IOException {
        Path redis = executable("redis-server");
        executable("valkey-server");

        assertThat(ValkeyBinary.resolve(Map.of("valkey.server", "redis-server")::get, bin.toString())).isEqualTo(redis);
        assertThat(ValkeyBinary.resolve(Map.of("valkey.server", redis.toString())::get, "")).isEqualTo(redis);
        assertThat(ValkeyBinary.resolve(Map.of("VALKEY_SERVER_BIN", redis.toString())::get, "")).isEqualTo(redis);
    }

    @Test
    void aNamedServerThatIsMissingIsAnErrorNamingTheSetting() {
        assertThatThrownBy(() -> ValkeyBinary.resolve(Map.of("valkey.server", "/opt/redis-7/redis-server")::get, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-Dvalkey.server").hasMessageContaining("/opt/redis-7/redis-server");
    }

    @Test
    void theServerOfThisRunIsValkeyUnlessNamedOtherwise() {
        Path server = ValkeyBinary.locate();
        String version = ValkeyBinary.version(server);

        assertThat(version).isNotBlank();
        if (System.getProperty("valkey.server") == null && System.getenv("VALKEY_SERVER_BIN") == null) {
            assertThat(server).hasFileName("valkey-server");
            assertThat(version).startsWith("Valkey server v=");
        }
    }

    private Path executable(String name) throws IOException {
        Path file = Files.writeString(bin.resolve(name), "#!/bin/sh\necho fake\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}

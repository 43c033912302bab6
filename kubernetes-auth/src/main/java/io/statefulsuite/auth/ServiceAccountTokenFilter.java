package io.statefulsuite.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * Sends the service's projected ServiceAccount token on calls to its sibling services, which review it like any
 * caller's. kubelet rewrites the file before the token expires (an atomic symlink swap), so the file is read again
 * whenever it changed; without the file no header is sent (the local stack, where auth is off).
 */
@ApplicationScoped
public class ServiceAccountTokenFilter implements ClientRequestFilter {

    private static final Logger LOG = Logger.getLogger(ServiceAccountTokenFilter.class);

    /** What identifies one version of the token file. */
    private record Version(Object fileKey, FileTime modified, long size) {
        static Version of(BasicFileAttributes attributes) {
            return new Version(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
        }
    }

    private record Snapshot(Version version, String token) {
    }

    private final AuthConfig config;
    private volatile Snapshot snapshot;
    private volatile boolean missingReported;

    public ServiceAccountTokenFilter(AuthConfig config) {
        this.config = config;
    }

    @Override
    public void filter(ClientRequestContext request) {
        currentToken().ifPresent(token -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }

    /** The token as the file holds it now; empty when there is no file (or it is empty). */
    Optional<String> currentToken() {
        Path file = config.clientTokenFile();
        Version version;
        try {
            version = Version.of(Files.readAttributes(file, BasicFileAttributes.class));
        } catch (NoSuchFileException e) {
            reportMissing(file);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ServiceAccount token file " + file, e);
        }
        missingReported = false;
        Snapshot current = snapshot;
        if (current == null || !current.version().equals(version)) {
            current = new Snapshot(version, read(file));
            snapshot = current;
        }
        return current.token().isEmpty() ? Optional.empty() : Optional.of(current.token());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ServiceAccount token file " + file, e);
        }
    }

    /** Once per disappearance, and only where siblings will ask for a token. */
    private void reportMissing(Path file) {
        snapshot = null;
        if (config.enabled() && !missingReported) {
            missingReported = true;
            LOG.warnf("No ServiceAccount token at %s: calls to sibling services go without one and will be refused "
                    + "(401). Mount the projected token or set stateful-suite.auth.client-token-file.", file);
        }
    }
}

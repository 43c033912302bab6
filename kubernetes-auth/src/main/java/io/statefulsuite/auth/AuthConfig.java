package io.statefulsuite.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Who may call the /api/** routes, and the token the service presents when it calls a sibling. */
@ConfigMapping(prefix = "stateful-suite.auth")
public interface AuthConfig {

    /** false lets every request through unchecked: only for tests and the local stack (logged loudly at start). */
    @WithDefault("true")
    boolean enabled();

    /** How long a successful TokenReview (and an allowing SubjectAccessReview) is trusted. */
    @WithDefault("30s")
    Duration cacheTtl();

    /** How long a rejected token (and a denying SubjectAccessReview) is remembered, so a retry storm stays cheap. */
    @WithDefault("5s")
    Duration failureCacheTtl();

    /** Most reviews kept in each cache; the least recently used go first. */
    @WithDefault("10000")
    int cacheSize();

    /**
     * Audiences a token must be valid for (any one of them), e.g. the audience of the sibling services' projected
     * tokens; unset: the API server's own audience, as for ordinary ServiceAccount tokens.
     */
    Optional<List<String>> audiences();

    /** The projected ServiceAccount token sent on outgoing calls; kubelet rewrites it before it expires. */
    @WithDefault("/var/run/secrets/tokens/stateful-suite/token")
    Path clientTokenFile();
}

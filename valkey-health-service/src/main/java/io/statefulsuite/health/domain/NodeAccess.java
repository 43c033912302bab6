package io.statefulsuite.health.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * How to talk to a cluster's nodes: the password (null: none) and, for a TLS cluster, the only CA to trust (null:
 * plain TCP). Kept apart from {@link CheckPlan} so that the plan can be logged; {@link #toString} hides the password.
 */
public record NodeAccess(String password, TrustedCa tls) {

    public static NodeAccess plain(String password) {
        return new NodeAccess(password, null);
    }

    public static NodeAccess overTls(String password, TrustedCa tls) {
        return new NodeAccess(password, Objects.requireNonNull(tls, "tls"));
    }

    public Optional<TrustedCa> trust() {
        return Optional.ofNullable(tls);
    }

    @Override
    public String toString() {
        return "NodeAccess[password " + (password == null ? "none" : "***") + ", "
                + (tls == null ? "plain TCP" : "TLS trusting " + tls) + "]";
    }
}

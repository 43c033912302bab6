package io.statefulsuite.health.api;

import io.statefulsuite.kit.problem.FieldError;
import io.statefulsuite.kit.problem.ProblemException;
import io.statefulsuite.health.domain.CheckPlan;
import io.statefulsuite.health.domain.ExpectedTopology;
import io.statefulsuite.health.domain.IntendedRole;
import io.statefulsuite.health.domain.NodeAccess;
import io.statefulsuite.health.domain.NodeTarget;
import io.statefulsuite.health.domain.TrustedCa;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates an explicit check request and turns it into a plan; all problems are reported at once. */
final class HealthCheckRequests {

    static final int MIN_TIMEOUT_MS = 50;
    static final int MAX_TIMEOUT_MS = 60_000;
    private static final Pattern HOSTNAME = Pattern.compile(
            "^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");
    private static final Pattern SAVE_RULE = Pattern.compile("^\\d{1,9} \\d{1,9}$");
    private static final Set<String> FSYNC = Set.of("always", "everysec", "no");

    private HealthCheckRequests() {
    }

    /** A valid request: the plan and how to reach the nodes (the caller's password is never printed). */
    record Validated(CheckPlan plan, NodeAccess access) {
        @Override
        public String toString() {
            return "Validated[" + plan.targets().size() + " targets]";
        }
    }

    static Validated validate(HealthCheckRequest request, int maxEndpoints, Duration defaultTimeout) {
        List<FieldError> errors = new ArrayList<>();
        List<HealthCheckRequest.Endpoint> endpoints = request.endpoints() == null ? List.of() : request.endpoints();
        if (endpoints.size() > maxEndpoints) {
            throw ProblemException.invalid("At most " + maxEndpoints
                    + " endpoints per check; got " + endpoints.size(), List.of(new FieldError("endpoints",
                    "max-items", "at most " + maxEndpoints + " endpoints (valkey-health.max-endpoints)")));
        }
        if (endpoints.isEmpty()) {
            errors.add(new FieldError("endpoints", "required", "give at least one endpoint"));
        }
        List<NodeTarget> targets = targets(endpoints, errors);
        if (request.timeoutMs() != null && (request.timeoutMs() < MIN_TIMEOUT_MS || request.timeoutMs() > MAX_TIMEOUT_MS)) {
            errors.add(new FieldError("timeoutMs", "range",
                    "between " + MIN_TIMEOUT_MS + " and " + MAX_TIMEOUT_MS + " ms"));
        }
        ExpectedTopology expected = expected(request.expected(), errors);
        Optional<TrustedCa> trust = trust(request.tls(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The health check request is invalid", errors);
        }
        Duration timeout = request.timeoutMs() == null ? defaultTimeout : Duration.ofMillis(request.timeoutMs());
        CheckPlan plan = CheckPlan.of(targets, expected, timeout)
                .withProbes(Boolean.TRUE.equals(request.probe()), Boolean.TRUE.equals(request.persistenceProbe()));
        return new Validated(plan, trust.map(ca -> NodeAccess.overTls(request.password(), ca))
                .orElseGet(() -> NodeAccess.plain(request.password())));
    }

    private static Optional<TrustedCa> trust(HealthCheckRequest.Tls tls, List<FieldError> errors) {
        if (tls == null) {
            return Optional.empty();
        }
        if (tls.caCertificate() == null || tls.caCertificate().isBlank()) {
            errors.add(new FieldError("tls.caCertificate", "required",
                    "the PEM certificate of the CA to trust"));
            return Optional.empty();
        }
        Optional<TrustedCa> ca = TrustedCa.parse(tls.caCertificate(), "the request's tls.caCertificate");
        if (ca.isEmpty()) {
            errors.add(new FieldError("tls.caCertificate", "pem-certificate",
                    "one or more X.509 certificates in PEM form (-----BEGIN CERTIFICATE-----)"));
        }
        return ca;
    }

    private static List<NodeTarget> targets(List<HealthCheckRequest.Endpoint> endpoints,
                                            List<FieldError> errors) {
        List<NodeTarget> targets = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < endpoints.size(); i++) {
            HealthCheckRequest.Endpoint endpoint = endpoints.get(i);
            String field = "endpoints[" + i + "]";
            if (endpoint == null) {
                errors.add(new FieldError(field, "required", "an endpoint object"));
                continue;
            }
            boolean hostOk = validHost(endpoint.host());
            if (!hostOk) {
                errors.add(new FieldError(field + ".host", "hostname-or-ip",
                        "a DNS name (RFC 1123) or an IPv4/IPv6 address"));
            }
            int port = endpoint.port() == null ? 6379 : endpoint.port();
            if (port < 1 || port > 65535) {
                errors.add(new FieldError(field + ".port", "range", "between 1 and 65535"));
            }
            if (endpoint.role() != null && IntendedRole.parse(endpoint.role()) == IntendedRole.UNKNOWN) {
                errors.add(new FieldError(field + ".role", "enum", "primary or replica"));
            }
            if (endpoint.zone() != null && (endpoint.zone().isBlank() || endpoint.zone().length() > 63)) {
                errors.add(new FieldError(field + ".zone", "length", "1 to 63 characters"));
            }
            if (hostOk && !seen.add(endpoint.host() + ":" + port)) {
                errors.add(new FieldError(field, "unique", "duplicate endpoint " + endpoint.host() + ":" + port));
            }
            String name = endpoint.name() == null || endpoint.name().isBlank() ? endpoint.host() + ":" + port
                    : endpoint.name();
            targets.add(new NodeTarget(name, endpoint.host(), port, endpoint.zone(), IntendedRole.parse(endpoint.role()),
                    null));
        }
        return targets;
    }

    private static boolean validHost(String host) {
        return host != null && (HOSTNAME.matcher(host).matches() || (host.contains(":") && IPV6.matcher(host).matches()));
    }

    private static ExpectedTopology expected(HealthCheckRequest.Expected expected, List<FieldError> errors) {
        if (expected == null) {
            return ExpectedTopology.NONE;
        }
        if (expected.shards() != null && (expected.shards() < 1 || expected.shards() > 1000)) {
            errors.add(new FieldError("expected.shards", "range", "between 1 and 1000"));
        }
        if (expected.replicasPerShard() != null && (expected.replicasPerShard() < 0 || expected.replicasPerShard() > 5)) {
            errors.add(new FieldError("expected.replicasPerShard", "range", "between 0 and 5"));
        }
        if (expected.appendfsync() != null && !FSYNC.contains(expected.appendfsync())) {
            errors.add(new FieldError("expected.appendfsync", "enum", "always, everysec or no"));
        }
        if (expected.rdbSave() != null && expected.rdbSave().stream().anyMatch(r -> r == null || !SAVE_RULE.matcher(r).matches())) {
            errors.add(new FieldError("expected.rdbSave", "format", "entries like \"900 1\" (seconds changes)"));
        }
        if (expected.zones() != null
                && expected.zones().stream().anyMatch(z -> z == null || z.isBlank() || z.length() > 63)) {
            errors.add(new FieldError("expected.zones", "format", "zone names of 1 to 63 characters"));
        }
        if (!errors.isEmpty()) {
            return ExpectedTopology.NONE; // refused anyway, and invalid values (a null entry) cannot be built into one
        }
        return ExpectedTopology.fromSpec(ExpectedTopology.Source.REQUEST, expected.shards(), expected.replicasPerShard(),
                expected.zones(), expected.region(), expected.aof(), expected.appendfsync(), expected.rdbSave());
    }
}

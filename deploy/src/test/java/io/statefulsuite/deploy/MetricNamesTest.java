package io.statefulsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.statefulsuite.deploy.support.Kustomize;
import io.statefulsuite.deploy.support.Manifest;
import io.statefulsuite.deploy.support.Repo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric an alert uses is one a service registers (its Micrometer name, dotted or not, in the service's
 * sources, with Prometheus' _total / _seconds_* suffixes accounted for), and every label value it matches is a
 * value the service's code produces.
 */
class MetricNamesTest {

    private static final Map<String, String> SERVICE_BY_PREFIX = Map.of(
            "valkey_provisioner_", "provisioner-service",
            "secrets_sync_", "secrets-sync-service",
            "valkey_health_", "valkey-health-service");
    private static final Pattern METRIC = Pattern.compile("\\b((?:valkey_provisioner|secrets_sync|valkey_health)_\\w+)(\\{[^}]*})?");
    private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*=~?\\s*\"([^\"]*)\"");
    private static final List<String> PROMETHEUS_SUFFIXES = List.of("_seconds_count", "_seconds_sum", "_seconds_bucket",
            "_seconds_max", "_total", "_count", "_sum", "_bucket", "_max", "_seconds");

    private final Map<String, Set<String>> registeredNames = new HashMap<>();
    private final Map<String, String> sources = new HashMap<>();

    @Test
    void alertsUseMetricsAndLabelValuesTheServicesExport() {
        List<String> problems = new ArrayList<>();
        int metrics = 0;
        for (JsonNode rule : rules()) {
            Matcher metric = METRIC.matcher(rule.path("expr").asText());
            while (metric.find()) {
                metrics++;
                String name = metric.group(1);
                String service = serviceOf(name);
                if (!registered(service, name)) {
                    problems.add(rule.path("alert").asText() + ": " + name + " is registered nowhere in " + service);
                }
                Matcher label = MATCHER.matcher(metric.group(2) == null ? "" : metric.group(2));
                while (label.find()) {
                    for (String value : label.group(2).split("\\|")) {
                        if (!producedValue(service, value)) {
                            problems.add(rule.path("alert").asText() + ": " + label.group(1) + "=\"" + value
                                    + "\" is not a value " + service + " produces");
                        }
                    }
                }
            }
        }
        assertThat(metrics).isGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckRecognisesDottedAndSuffixedNamesAndRejectsOthers() {
        assertThat(registered("provisioner-service", "valkey_provisioner_reconcile_seconds_count")).isTrue();
        assertThat(registered("provisioner-service", "valkey_provisioner_reconcile_total")).isTrue();
        assertThat(registered("valkey-health-service", "valkey_health_status")).isTrue();
        assertThat(registered("valkey-health-service", "valkey_health_no_such_metric")).isFalse();
        assertThat(producedValue("valkey-health-service", "no-such-state")).isFalse();
    }

    @Test
    void alertsCoverTheIssuesListedForOperators() {
        assertThat(rules()).extracting(r -> r.path("alert").asText()).contains("ValkeyAofWriteFailing",
                "ValkeyRdbBgsaveFailing", "ValkeyReplicaLinkDown", "ValkeyReplicaLagging", "ValkeyClusterStateNotOk",
                "ValkeyClusterSlotsNotOk", "ValkeyZoneViolation", "ValkeyClusterUnhealthy", "SecretsSyncFailing",
                "SecretsSyncThrottled", "ValkeyReconcileFailing");
        for (JsonNode rule : rules()) {
            assertThat(rule.path("labels").path("severity").asText()).as(rule.path("alert").asText()).isIn("warning", "critical");
            assertThat(rule.path("annotations").path("summary").asText()).isNotEmpty();
        }
    }

    private static List<JsonNode> rules() {
        Manifest rule = Kustomize.one(Kustomize.build(Repo.deploy("kubernetes/base")), "PrometheusRule", "stateful-suite");
        List<JsonNode> rules = new ArrayList<>();
        rule.at("/spec/groups").forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    private static String serviceOf(String metric) {
        return SERVICE_BY_PREFIX.entrySet().stream().filter(e -> metric.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElseThrow();
    }

    private boolean registered(String service, String prometheusName) {
        Set<String> names = registeredNames.computeIfAbsent(service, this::namesIn);
        if (names.contains(prometheusName)) {
            return true;
        }
        return PROMETHEUS_SUFFIXES.stream().filter(prometheusName::endsWith)
                .map(suffix -> prometheusName.substring(0, prometheusName.length() - suffix.length()))
                .anyMatch(names::contains);
    }

    /**
     * Metric names in the sources, underscored: literals, and literals joined to a metric-prefix constant of the same
     * file ({@code PREFIX + "x"} or a helper that prepends it).
     */
    private Set<String> namesIn(String service) {
        Set<String> names = new HashSet<>();
        for (var file : Repo.javaSources(service)) {
            String code = Repo.read(file);
            Set<String> prefixes = new HashSet<>(Set.of(""));
            Matcher constant = Pattern.compile("static final String \\w+\\s*=\\s*\"([^\"]*_)\"").matcher(code);
            while (constant.find()) {
                if (SERVICE_BY_PREFIX.containsKey(constant.group(1))) {
                    prefixes.add(constant.group(1));
                }
            }
            Matcher literal = Pattern.compile("\"([a-z][a-z0-9_.]*)\"").matcher(code);
            while (literal.find()) {
                for (String prefix : prefixes) {
                    names.add((prefix + literal.group(1)).replace('.', '_'));
                }
            }
        }
        return names;
    }

    /** A label value is produced when it is a string literal of the service or the name of one of its constants. */
    private boolean producedValue(String service, String value) {
        String code = source(service);
        return code.contains("\"" + value + "\"")
                || Pattern.compile("(?i)\\b" + Pattern.quote(value) + "\\b\\s*[,;(]").matcher(code).find();
    }

    private String source(String service) {
        return sources.computeIfAbsent(service, s -> Repo.concatenated(Repo.javaSources(s)));
    }
}

package io.statefulsuite.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.statefulsuite.local.ServiceEnvironment.Service;
import io.statefulsuite.local.stack.SuiteApi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a CI/CD pipeline does with the suite over the services' REST APIs: one PUT of a default 3-shard × 1-replica
 * cluster (the provisioner has secrets-sync generate its password into Key Vault and mirror it into the Secret the
 * pods mount, and waits for the health service's HEALTHY verdict), wait for Ready, then its topology and health.
 */
public final class PipelineFlow {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private final LocalStack stack;
    private final SuiteApi api = new SuiteApi();
    private final String namespace;
    private final String cluster;

    public PipelineFlow(LocalStack stack) {
        this.stack = stack;
        this.namespace = stack.options().namespace();
        this.cluster = stack.options().cluster();
    }

    /** @return the cluster's resource once Ready */
    public JsonNode provisionAndReport() {
        Progress.say("PUT ValkeyCluster " + namespace + "/" + cluster + " (3 shards × 1 replica, zones 1 2 3, AOF; "
                + "password generated in Key Vault and mirrored by secrets-sync; Ready once health says HEALTHY)");
        api.put(clusterUrl(), Map.of("shards", 3, "replicasPerShard", 1));
        JsonNode ready = awaitPhase("Ready", READY_TIMEOUT);
        printTopology(ready);
        printHealth();
        return ready;
    }

    /** Kills the process of primary 0 and shows the failover, the health verdict and the recovery. */
    public void demoFailover() {
        String victim = cluster + "-primary-0";
        Progress.say("Demo: killing the Valkey process of " + victim + " (it stays down 30 s, as a crashed node would)");
        stack.workloads().kubelet().crash(namespace, victim, Duration.ofSeconds(30));
        awaitHealth(status -> !"HEALTHY".equals(status), Duration.ofMinutes(2));
        printHealth();
        Progress.say("Waiting for recovery (restart, failback to the primary's zone) ...");
        awaitHealth("HEALTHY"::equals, Duration.ofMinutes(3));
        printTopology(api.get(clusterUrl()));
        printHealth();
    }

    private JsonNode awaitPhase(String phase, Duration timeout) {
        String[] last = {""};
        return waitFor("phase " + phase, () -> api.get(clusterUrl()), resource -> {
            String current = resource.path("status").path("phase").asText("Pending");
            String detail = current + conditionSummary(resource);
            if (!detail.equals(last[0])) {
                Progress.say("  phase " + detail);
                last[0] = detail;
            }
            if ("Failed".equals(current)) {
                throw new IllegalStateException("The cluster failed: " + resource.path("status").toPrettyString());
            }
            return phase.equals(current);
        }, timeout);
    }

    private void awaitHealth(Predicate<String> wanted, Duration timeout) {
        waitFor("health verdict", () -> api.get(healthUrl() + "?fresh=true").path("status").asText(),
                wanted, timeout);
    }

    private void printTopology(JsonNode resource) {
        Progress.say("Topology of " + namespace + "/" + cluster + ":");
        for (JsonNode pod : resource.path("status").path("pods")) {
            Progress.say(String.format("  %-20s %-8s zone %-3s node %-20s ip %s", pod.path("name").asText(),
                    pod.path("role").asText(), pod.path("zone").asText(), pod.path("node").asText(),
                    pod.path("ip").asText()));
        }
        for (JsonNode volume : resource.path("status").path("volumes")) {
            Progress.say(String.format("  %-28s %-6s %-6s %s", volume.path("name").asText(),
                    volume.path("phase").asText(), volume.path("capacity").asText(),
                    volume.path("storageClass").asText()));
        }
    }

    private void printHealth() {
        JsonNode health = api.get(healthUrl() + "?fresh=true");
        Progress.say("Health: " + health.path("status").asText() + " (" + health.path("findings").size() + " findings)");
        for (JsonNode finding : health.path("findings")) {
            Progress.say("  " + finding.path("severity").asText() + " " + finding.path("check").asText() + ": "
                    + finding.path("message").asText());
        }
    }

    private static String conditionSummary(JsonNode resource) {
        StringBuilder summary = new StringBuilder();
        for (JsonNode condition : resource.path("status").path("conditions")) {
            if (!"True".equals(condition.path("status").asText())) {
                summary.append(" — ").append(condition.path("type").asText()).append(": ")
                        .append(condition.path("message").asText());
            }
        }
        return summary.toString();
    }

    private static <T> T waitFor(String what, Supplier<T> probe, Predicate<T> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (done.test(value)) {
                return value;
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
        throw new IllegalStateException("Timed out after " + timeout + " waiting for " + what);
    }

    private String clusterUrl() {
        return url(Service.PROVISIONER, "/api/v1/namespaces/" + namespace + "/valkey-clusters/" + cluster);
    }

    private String healthUrl() {
        return url(Service.HEALTH, "/api/v1/namespaces/" + namespace + "/valkey-clusters/" + cluster + "/health");
    }

    private String url(Service service, String path) {
        return stack.urlOf(service) + path;
    }
}

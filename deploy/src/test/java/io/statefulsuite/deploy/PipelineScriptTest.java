package io.statefulsuite.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.statefulsuite.deploy.support.Repo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the pipelines' shared script (real bash, curl and jq) against a stand-in HTTP server that answers like the
 * provisioner and the health service: it passes on Ready + HEALTHY and fails the job on a refused spec, a Failed
 * cluster, a timeout and an UNHEALTHY verdict.
 */
class PipelineScriptTest {

    private static final Path SCRIPT = Repo.deploy("pipelines/scripts/provision-valkey-cluster.sh");
    private static final String CLUSTER_PATH = "/api/v1/namespaces/valkey/valkey-clusters/orders";

    private HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Deque<String> phases = new ConcurrentLinkedDeque<>();
    private int putStatus = 201;
    private String verdict = "HEALTHY";

    @BeforeEach
    void start() throws IOException {
        for (String tool : List.of("bash", "curl", "jq")) {
            assertThat(onPath(tool)).as(tool + " is needed by the pipeline script and this test (apt-get install " + tool + ")").isTrue();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void passesWhenTheClusterBecomesReadyAndHealthy() throws Exception {
        phases.addAll(List.of("Pending", "Provisioning", "Bootstrapping", "Ready"));
        Result result = run();
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(requests).startsWith("PUT " + CLUSTER_PATH + " Bearer t0ken")
                .contains("GET " + CLUSTER_PATH + "/health Bearer t0ken");
        assertThat(result.output()).contains("phase: Ready", "health: HEALTHY");
    }

    @Test
    void failsOnAnUnhealthyVerdict() throws Exception {
        phases.add("Ready");
        verdict = "UNHEALTHY";
        Result result = run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("UNHEALTHY", "persistence.aof-write-failed");
    }

    @Test
    void passesOnADegradedVerdict() throws Exception {
        phases.add("Ready");
        verdict = "DEGRADED";
        assertThat(run().exitCode()).isZero();
    }

    @Test
    void failsWithTheProblemWhenTheSpecIsRefused() throws Exception {
        putStatus = 422;
        Result result = run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("HTTP 422", "spec.shards");
        assertThat(requests).hasSize(1);
    }

    @Test
    void failsWhenTheClusterFailsOrNeverGetsReady() throws Exception {
        phases.addAll(List.of("Provisioning", "Failed"));
        assertThat(run().exitCode()).isEqualTo(1);
        phases.clear();
        phases.add("Provisioning");
        Result timeout = run(Map.of("TIMEOUT_SECONDS", "0"));
        assertThat(timeout.exitCode()).isEqualTo(1);
        assertThat(timeout.output()).contains("Not Ready after 0s");
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        requests.add(exchange.getRequestMethod() + " " + path + " " + auth);
        if (exchange.getRequestMethod().equals("PUT") && path.equals(CLUSTER_PATH)) {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, putStatus, putStatus == 201 ? view("Pending") : """
                    {"type":"about:blank","title":"Invalid spec","status":422,"detail":"1 rule broken",
                     "errors":[{"field":"spec.shards","rule":"min","message":"at least 3"}]}""");
        } else if (path.equals(CLUSTER_PATH)) {
            respond(exchange, 200, view(phases.size() > 1 ? phases.poll() : phases.peek()));
        } else if (path.equals(CLUSTER_PATH + "/health")) {
            respond(exchange, 200, """
                    {"status":"%s","checkedAt":"2026-01-01T00:00:00Z","durationMs":12,"findings":[
                     {"check":"persistence.aof-write-failed","severity":"CRITICAL","node":"orders-primary-0",
                      "message":"aof_last_write_status is err"}]}""".formatted(verdict));
        } else {
            respond(exchange, 404, "{}");
        }
    }

    private static String view(String phase) {
        return """
                {"namespace":"valkey","name":"orders","phase":"%s","status":{"conditions":[]}}""".formatted(phase);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private record Result(int exitCode, String output) {
    }

    private Result run() throws Exception {
        return run(Map.of());
    }

    private Result run(Map<String, String> extra) throws Exception {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        ProcessBuilder process = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        process.environment().putAll(Map.of("PROVISIONER_URL", base, "HEALTH_URL", base, "NAMESPACE", "valkey",
                "CLUSTER", "orders", "SPEC_FILE", Repo.deploy("pipelines/examples/orders-cluster.json").toString(),
                "API_TOKEN", "t0ken", "POLL_SECONDS", "0"));
        process.environment().putAll(extra);
        Process started = process.start();
        String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(started.waitFor(), output);
    }

    private static boolean onPath(String tool) {
        return java.util.stream.Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}

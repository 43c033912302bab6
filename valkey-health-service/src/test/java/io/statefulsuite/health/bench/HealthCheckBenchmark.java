package io.statefulsuite.health.bench;

import io.statefulsuite.health.domain.CheckPlan;
import io.statefulsuite.health.domain.HealthReport;
import io.statefulsuite.health.domain.HealthStatus;
import io.statefulsuite.health.support.Checks;
import io.statefulsuite.health.support.TestCluster;
import io.statefulsuite.testkit.valkey.ValkeyNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test: surefire's default includes skip it (no *Test suffix); run it explicitly:
 * {@code ./mvnw -B -o -pl valkey-health-service test -Dtest=HealthCheckBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * On one 6-node loopback cluster it measures one full check against {@code valkey-cli --cluster check} + INFO on
 * every node, and how many full cluster checks per second one instance completes.
 */
class HealthCheckBenchmark {

    private static final int SINGLE_RUNS = 200;
    private static final int CLI_RUNS = 10;
    private static final int IN_FLIGHT = 24;
    private static final Duration THROUGHPUT_WINDOW = Duration.ofSeconds(10);
    /** The JIT compiles the concurrent path only under concurrent load: warm it up the same way, then measure. */
    private static final Duration WARM_UP_WINDOW = Duration.ofSeconds(5);

    @Test
    void fullCheckVersusRedisCliAndClustersPerSecond(@TempDir Path work) throws Exception {
        try (TestCluster cluster = TestCluster.start(work, 3); Checks checks = new Checks()) {
            CheckPlan plan = CheckPlan.of(cluster.targets(), Checks.expected(3), Checks.TIMEOUT);
            for (int i = 0; i < SINGLE_RUNS; i++) {
                assertThat(checks.check(plan, TestCluster.PASSWORD).status()).isEqualTo(HealthStatus.HEALTHY);
            }
            long[] single = new long[SINGLE_RUNS];
            for (int i = 0; i < SINGLE_RUNS; i++) {
                long start = System.nanoTime();
                checks.check(plan, TestCluster.PASSWORD);
                single[i] = System.nanoTime() - start;
            }
            long[] cli = new long[CLI_RUNS];
            for (int i = 0; i < CLI_RUNS; i++) {
                cli[i] = valkeyCliRound(cluster);
            }
            throughput(checks, plan, WARM_UP_WINDOW);
            double perSecond = throughput(checks, plan, THROUGHPUT_WINDOW);
            System.out.printf("%n=== valkey-health benchmark (6-node loopback cluster, %s) ===%n", server());
            System.out.printf("one full check (this service): median %.2f ms, p99 %.2f ms over %d runs%n",
                    millis(percentile(single, 50)), millis(percentile(single, 99)), SINGLE_RUNS);
            System.out.printf("valkey-cli --cluster check + INFO on 6 nodes: median %.2f ms over %d runs%n",
                    millis(percentile(cli, 50)), CLI_RUNS);
            System.out.printf("throughput: %.0f full 6-node cluster checks/s (%d in flight, %d s after a %d s warm-up)%n%n", perSecond,
                    IN_FLIGHT, THROUGHPUT_WINDOW.toSeconds(), WARM_UP_WINDOW.toSeconds());
        }
    }

    /** Keeps IN_FLIGHT checks running (within the per-node pool's waiting bound) and counts the healthy ones. */
    private static double throughput(Checks checks, CheckPlan plan, Duration window) throws InterruptedException {
        AtomicLong healthy = new AtomicLong();
        AtomicLong other = new AtomicLong();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        long start = System.nanoTime();
        long deadline = start + window.toNanos();
        while (System.nanoTime() < deadline) {
            inFlight.acquire();
            checks.checkAsync(plan, TestCluster.PASSWORD).subscribe().with(report -> {
                (report.status() == HealthStatus.HEALTHY ? healthy : other).incrementAndGet();
                inFlight.release();
            }, failure -> {
                other.incrementAndGet();
                inFlight.release();
            });
        }
        inFlight.acquire(IN_FLIGHT);
        assertThat(other.get()).as("checks that were not HEALTHY").isZero();
        return healthy.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static long valkeyCliRound(TestCluster cluster) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ValkeyNode seed = cluster.primary(0);
        run("valkey-cli", "-h", seed.host(), "-p", String.valueOf(seed.port()), "-a", TestCluster.PASSWORD,
                "--no-auth-warning", "--cluster", "check", seed.host() + ":" + seed.port());
        for (ValkeyNode node : cluster.all()) {
            run("valkey-cli", "-h", node.host(), "-p", String.valueOf(node.port()), "-a", TestCluster.PASSWORD,
                    "--no-auth-warning", "INFO");
        }
        return System.nanoTime() - start;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor()).as(String.join(" ", command[0], command[command.length - 1])).isZero();
    }

    private static String server() {
        var binary = io.statefulsuite.testkit.valkey.ValkeyBinary.locate();
        return binary + ", " + io.statefulsuite.testkit.valkey.ValkeyBinary.version(binary);
    }

    private static long percentile(long[] values, int percentile) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

}

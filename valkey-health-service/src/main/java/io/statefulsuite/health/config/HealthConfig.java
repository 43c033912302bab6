package io.statefulsuite.health.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.statefulsuite.health.domain.Thresholds;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything an operator can tune; see the README's configuration table. */
@ConfigMapping(prefix = "valkey-health")
public interface HealthConfig {

    /** How often every known cluster is checked (the scheduler reads this key directly too). */
    @WithDefault("15s")
    Duration interval();

    /** Delay before the first round after start-up (read by the scheduler). */
    @WithDefault("2s")
    Duration initialDelay();

    /** Per-node bound for connect + all reads of one check. */
    @WithDefault("2s")
    Duration nodeTimeout();

    /** Bound for the opt-in BGSAVE/BGREWRITEAOF probe per node. */
    @WithDefault("30s")
    Duration persistenceProbeTimeout();

    /** Run the replication canary probe on scheduled checks as well. */
    @WithDefault("false")
    boolean scheduledProbe();

    /**
     * Least time between two canary probes of one cluster ({@code POST …/health/probe}); an extra request meanwhile
     * gets 429 with Retry-After, one made while a probe runs shares that probe's result.
     */
    @WithDefault("10s")
    Duration probeMinInterval();

    /** Namespaces to watch; empty = all namespaces the service account may list. */
    Optional<List<String>> namespaces();

    /** Transitions kept per cluster for {@code /health/history}. */
    @WithDefault("100")
    int historySize();

    /** Most endpoints accepted by {@code POST /api/v1/health-checks}. */
    @WithDefault("256")
    int maxEndpoints();

    Lag lag();

    Pool pool();


    interface Lag {
        @WithDefault("1048576")
        long bytesWarning();

        @WithDefault("67108864")
        long bytesCritical();

        @WithDefault("10")
        long secondsWarning();

        /** Above repl-ping-replica-period (10 s): an idle primary is silent that long. */
        @WithDefault("30")
        long lastIoSecondsWarning();

        @WithDefault("1000")
        long probeDelayMillisWarning();
    }

    interface Pool {
        /** Connections per Valkey node. */
        @WithDefault("2")
        int sizePerNode();

        @WithDefault("32")
        int maxWaitingPerNode();

        /** Node pools kept open (least recently used are closed beyond this). */
        @WithDefault("4096")
        int maxNodes();
    }

    default Thresholds thresholds() {
        Lag lag = lag();
        return new Thresholds(lag.bytesWarning(), lag.bytesCritical(), lag.secondsWarning(),
                lag.lastIoSecondsWarning(), lag.probeDelayMillisWarning());
    }
}

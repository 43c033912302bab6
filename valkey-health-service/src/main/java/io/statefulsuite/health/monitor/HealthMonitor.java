package io.statefulsuite.health.monitor;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.statefulsuite.health.config.HealthConfig;
import io.statefulsuite.health.domain.Check;
import io.statefulsuite.health.domain.CheckPlan;
import io.statefulsuite.health.domain.ClusterHistory;
import io.statefulsuite.health.domain.ClusterRef;
import io.statefulsuite.health.domain.Finding;
import io.statefulsuite.health.domain.HealthReport;
import io.statefulsuite.health.domain.Transition;
import io.statefulsuite.health.k8s.ClusterDiscovery;
import io.statefulsuite.health.k8s.DiscoveredCluster;
import io.statefulsuite.health.k8s.HealthEvents;
import io.statefulsuite.health.metrics.HealthMetrics;
import io.statefulsuite.health.valkey.ClusterChecker;
import io.statefulsuite.kit.leader.LeaderElection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/**
 * Continuous monitoring: every interval, discover all clusters and check them concurrently; keep each cluster's
 * latest report and transitions (announced as Events by the leader), and forget clusters that disappeared.
 */
@ApplicationScoped
public class HealthMonitor {

    private static final Logger LOG = Logger.getLogger(HealthMonitor.class);
    private static final Duration FRESH_BUDGET = Duration.ofMinutes(2);

    private final ClusterDiscovery discovery;
    private final ClusterChecker checker;
    private final HealthEvents events;
    private final LeaderElection leader;
    private final HealthMetrics metrics;
    private final HealthConfig config;
    private final Map<ClusterRef, ClusterHistory> histories = new ConcurrentSkipListMap<>();
    private final ProbeLimiter probes;
    private volatile Instant lastRound;

    public HealthMonitor(ClusterDiscovery discovery, ClusterChecker checker, HealthEvents events, LeaderElection leader,
                         HealthMetrics metrics, HealthConfig config) {
        this.discovery = discovery;
        this.checker = checker;
        this.events = events;
        this.leader = leader;
        this.metrics = metrics;
        this.config = config;
        this.probes = new ProbeLimiter(config.probeMinInterval(), Clock.systemUTC());
    }

    @Scheduled(every = "${valkey-health.interval:15s}", delayed = "${valkey-health.initial-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "valkey-health-round")
    void scheduledRound() {
        try {
            checkAll();
        } catch (RuntimeException e) {
            LOG.warnf("Health round failed: %s", e.getMessage());
        }
    }

    /** One round over every known cluster; returns when all checks are done. */
    public void checkAll() {
        List<DiscoveredCluster> clusters = discovery.discoverAll();
        Set<ClusterRef> known = clusters.stream().map(DiscoveredCluster::ref).collect(Collectors.toSet());
        histories.keySet().retainAll(known);
        if (!clusters.isEmpty()) {
            Duration budget = config.interval().plus(config.nodeTimeout());
            List<Uni<Outcome>> checks = clusters.stream()
                    .map(c -> run(c, config.scheduledProbe(), "scheduled", budget)).toList();
            // every check ends with a report (UNKNOWN if it failed or overran), so one bad cluster cannot hold back
            // the others' events and metrics
            Uni.join().all(checks).andFailFast().await().indefinitely().forEach(this::announce);
        }
        metrics.publish(latestReports());
        lastRound = Instant.now();
    }

    /** A check now (REST {@code ?fresh=true}); empty if Kubernetes knows no such cluster. */
    public Optional<HealthReport> checkNow(ClusterRef ref, boolean probe) {
        return discovery.discover(ref).map(cluster -> {
            Outcome outcome = run(cluster, probe, "fresh", FRESH_BUDGET).await().indefinitely();
            announce(outcome);
            metrics.publish(latestReports());
            return outcome.report();
        });
    }

    /** A check with the canary probe (it writes keys), limited per cluster: see {@link ProbeLimiter}. */
    public ProbeLimiter.Decision probeNow(ClusterRef ref) {
        return probes.probe(ref, () -> checkNow(ref, true));
    }

    public Optional<HealthReport> latest(ClusterRef ref) {
        return Optional.ofNullable(histories.get(ref)).flatMap(ClusterHistory::latest);
    }

    public Optional<List<Transition>> transitions(ClusterRef ref) {
        return Optional.ofNullable(histories.get(ref)).map(ClusterHistory::transitions);
    }

    public Map<ClusterRef, HealthReport> latestReports() {
        Map<ClusterRef, HealthReport> reports = new java.util.TreeMap<>();
        histories.forEach((ref, history) -> history.latest().ifPresent(r -> reports.put(ref, r)));
        return reports;
    }

    public Optional<Instant> lastRound() {
        return Optional.ofNullable(lastRound);
    }

    /** Records the report on the event loop; Events are written later by the (worker) caller: they block. */
    private Uni<Outcome> run(DiscoveredCluster cluster, boolean probe, String kind, Duration budget) {
        Instant checkedAt = Instant.now();
        long started = System.nanoTime();
        CheckPlan plan = cluster.plan().withProbes(probe, false);
        Uni<HealthReport> check = cluster.access().map(access -> checker.check(plan, access))
                .orElseGet(() -> Uni.createFrom().item(() -> HealthReport.notChecked(checkedAt,
                        (System.nanoTime() - started) / 1_000_000, plan.discoveryFindings())));
        return check.ifNoItem().after(budget).fail()
                .onFailure().recoverWithItem(failure -> notChecked(cluster.ref(), failure, budget, checkedAt, started))
                .map(report -> {
                    metrics.recordDuration(kind, Duration.ofNanos(System.nanoTime() - started));
                    List<Transition> transitions = histories
                            .computeIfAbsent(cluster.ref(), r -> new ClusterHistory(config.historySize()))
                            .record(report);
                    return new Outcome(cluster, report, transitions);
                });
    }

    private static HealthReport notChecked(ClusterRef ref, Throwable failure, Duration budget, Instant checkedAt,
                                           long started) {
        boolean overran = failure instanceof TimeoutException;
        LOG.warnf(overran ? null : failure, "Check of %s %s", ref, overran ? "overran " + budget : "failed");
        String observed = overran ? "no result within " + budget.toMillis() + " ms"
                : "the check failed (" + failure.getClass().getSimpleName() + ")";
        Finding why = Finding.of(Check.CHECK_INCOMPLETE).node(null).observed(observed).expected("a complete check")
                .message("The health of " + ref + " could not be determined: " + observed,
                        "See the valkey-health log; the next round retries");
        return HealthReport.notChecked(checkedAt, (System.nanoTime() - started) / 1_000_000, List.of(why));
    }

    private void announce(Outcome outcome) {
        for (Transition transition : outcome.transitions()) {
            LOG.infof("%s: %s", outcome.cluster().ref(), transition.message());
            if (leader.isLeader()) {
                events.publish(outcome.cluster().ref(), outcome.cluster().resource(), transition);
            }
        }
    }

    private record Outcome(DiscoveredCluster cluster, HealthReport report, List<Transition> transitions) {
    }
}

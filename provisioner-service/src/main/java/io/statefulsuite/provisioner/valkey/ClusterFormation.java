package io.statefulsuite.provisioner.valkey;

import io.micrometer.core.instrument.MeterRegistry;
import io.statefulsuite.provisioner.domain.NodeTransport;
import io.statefulsuite.provisioner.domain.formation.ClusterNode;
import io.statefulsuite.provisioner.domain.formation.ClusterView;
import io.statefulsuite.provisioner.domain.formation.FormationAction;
import io.statefulsuite.provisioner.domain.formation.FormationPlan;
import io.statefulsuite.provisioner.domain.formation.FormationPlanner;
import io.statefulsuite.provisioner.domain.formation.FormationReport;
import io.statefulsuite.provisioner.domain.formation.FormationRequest;
import io.statefulsuite.provisioner.domain.formation.Handover;
import io.statefulsuite.provisioner.domain.formation.InfoFields;
import io.statefulsuite.provisioner.domain.formation.NodeObservation;
import io.statefulsuite.provisioner.domain.formation.ValkeyPod;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Forms the Valkey cluster from its pods over the Valkey protocol and keeps it right. A pass observes every pod,
 * lets {@link FormationPlanner} decide, sends the commands, and repeats while gossip spreads, until the cluster is
 * formed or the settle timeout is up; the next pass continues from whatever the nodes then report. Blocking:
 * call from a worker thread, never from an event loop.
 */
@ApplicationScoped
public class ClusterFormation {

    private static final Logger LOG = Logger.getLogger(ClusterFormation.class);
    private final Vertx vertx;
    private final FormationSettings settings;
    private final FormationMetrics metrics;

    @Inject
    public ClusterFormation(Vertx vertx, MeterRegistry registry,
                            @ConfigProperty(name = "provisioner.formation.command-timeout", defaultValue = "5s")
                            Duration commandTimeout,
                            @ConfigProperty(name = "provisioner.formation.settle-timeout", defaultValue = "45s")
                            Duration settleTimeout,
                            @ConfigProperty(name = "provisioner.formation.poll-interval", defaultValue = "250ms")
                            Duration pollInterval,
                            @ConfigProperty(name = "provisioner.formation.failover-timeout", defaultValue = "20s")
                            Duration failoverTimeout) {
        this(vertx, registry, new FormationSettings(commandTimeout, settleTimeout, pollInterval, failoverTimeout));
    }

    public ClusterFormation(Vertx vertx, MeterRegistry registry, FormationSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.metrics = new FormationMetrics(registry);
    }

    /** One idempotent, resumable pass towards the requested topology, starting from what the nodes report. */
    public FormationReport converge(FormationRequest request, String password, NodeTransport transport) {
        metrics.register(request);
        try (NodeConnections nodes = connect(password, transport)) {
            return new Pass(request, nodes, password).run().noting(request.unknownZones());
        }
    }

    /** Observe, plan, act, until formed, stuck on something only time or Kubernetes can fix, or out of time. */
    private final class Pass {
        private final FormationRequest request;
        private final NodeConnections nodes;
        private final String password;
        private final long started = System.nanoTime();
        private final List<String> done = new ArrayList<>();
        private boolean assignedSlots;

        Pass(FormationRequest request, NodeConnections nodes, String password) {
            this.request = request;
            this.nodes = nodes;
            this.password = password;
        }

        FormationReport run() {
            while (true) {
                List<NodeObservation> observations = observe(request, nodes);
                FormationPlan plan = FormationPlanner.plan(request, observations);
                Optional<FormationReport> outcome = verdict(plan, observations).or(() -> act(plan));
                if (outcome.isPresent()) {
                    return outcome.get();
                }
                pause(settings.pollInterval());
            }
        }

        private Optional<FormationReport> verdict(FormationPlan plan, List<NodeObservation> observations) {
            if (plan.unsupported().isPresent()) {
                return Optional.of(new FormationReport(false, done, plan.unsupported().get(), true));
            }
            if (plan.isSettled()) {
                if (assignedSlots) {
                    metrics.bootstrapped(request, Duration.ofNanos(System.nanoTime() - started));
                }
                return Optional.of(new FormationReport(true, done, formedMessage(request)));
            }
            List<String> missing = FormationPlanner.missingPods(request, observations);
            if (plan.actions().isEmpty() && !missing.isEmpty()) {
                return notFormed("pods " + missing + " are not up or do not answer" + problems(observations)
                        + "; waiting for: " + String.join("; ", plan.waitingFor()));
            }
            return Optional.empty();
        }

        private Optional<FormationReport> act(FormationPlan plan) {
            for (FormationAction action : plan.actions()) {
                Performed performed = perform(request, nodes, password, action);
                done.add(performed.line());
                if (!performed.succeeded()) {
                    return notFormed(performed.line() + "; the next pass retries from what the nodes then report");
                }
                assignedSlots |= action instanceof FormationAction.AssignSlots;
            }
            if (System.nanoTime() - started > settings.settleTimeout().toNanos()) {
                return notFormed("waiting for: " + String.join("; ", plan.waitingFor().isEmpty()
                        ? List.of("the actions above to take effect") : plan.waitingFor()));
            }
            return Optional.empty();
        }

        /** What the pods that did not answer said, e.g. a refused connection or a wrong password. */
        private static String problems(List<NodeObservation> observations) {
            String problems = observations.stream().filter(observation -> observation.problem().isPresent())
                    .map(observation -> observation.pod().name() + ": " + observation.problem().get())
                    .collect(Collectors.joining("; "));
            return problems.isEmpty() ? "" : " (" + problems + ")";
        }

        private Optional<FormationReport> notFormed(String why) {
            return Optional.of(new FormationReport(false, done, "Not formed yet: " + why));
        }
    }

    /**
     * Before {@code pod} is restarted: if it serves slots, hands them to an in-sync replica (one in another zone
     * when there is one) with CLUSTER FAILOVER and waits until the roles have switched. A pod that serves no slots
     * needs nothing; one without an in-sync replica is reported (formed=false) and must not be restarted yet.
     */
    public FormationReport prepareForRestart(FormationRequest request, ValkeyPod pod, String password,
                                             NodeTransport transport) {
        metrics.register(request);
        try (NodeConnections nodes = connect(password, transport)) {
            List<NodeObservation> observations = observe(request, nodes);
            Optional<NodeObservation> target = observations.stream()
                    .filter(observation -> observation.pod().name().equals(pod.name())).findFirst()
                    .filter(NodeObservation::reachable);
            if (target.isEmpty()) {
                return new FormationReport(true, List.of(), pod.name() + " does not answer; nothing to hand over");
            }
            if (!Handover.servesSlots(target.get())) {
                return new FormationReport(true, List.of(), pod.name() + " serves no slots; it can restart");
            }
            Optional<NodeObservation> successor = Handover.successor(observations, pod);
            if (successor.isEmpty()) {
                return new FormationReport(false, List.of(), pod.name()
                        + " serves slots and has no in-sync replica to take them over; do not restart it now");
            }
            FormationAction failover = new FormationAction.Failover(successor.get().pod(), pod,
                    FormationAction.Failover.Reason.PLANNED_RESTART);
            Performed done = perform(request, nodes, password, failover);
            return new FormationReport(done.succeeded(), List.of(done.line()), done.succeeded()
                    ? successor.get().pod().name() + " took over the slots of " + pod.name()
                    : "the failover to " + successor.get().pod().name() + " did not complete; do not restart "
                    + pod.name() + " now");
        }
    }

    /** What every pod of the request reports now, e.g. for planning a rolling restart. */
    public List<NodeObservation> observe(FormationRequest request, String password, NodeTransport transport) {
        try (NodeConnections nodes = connect(password, transport)) {
            return observe(request, nodes);
        }
    }

    private NodeConnections connect(String password, NodeTransport transport) {
        return new NodeConnections(vertx, password, transport, settings.commandTimeout());
    }

    /** All pods are asked at once: a pod that does not answer costs one command timeout per pass, not per pod. */
    private List<NodeObservation> observe(FormationRequest request, NodeConnections nodes) {
        if (request.pods().isEmpty()) {
            return List.of();
        }
        List<Uni<NodeObservation>> observations = request.pods().stream().map(pod -> observe(pod, nodes)).toList();
        return Uni.join().all(observations).andFailFast().await().atMost(settings.commandTimeout().plusSeconds(1));
    }

    /** CLUSTER NODES, CLUSTER INFO and INFO replication in one round trip. */
    private Uni<NodeObservation> observe(ValkeyPod pod, NodeConnections nodes) {
        List<Request> questions = List.of(Request.cmd(Command.CLUSTER).arg("NODES"),
                Request.cmd(Command.CLUSTER).arg("INFO"), Request.cmd(Command.INFO).arg("replication"));
        return nodes.pipeline(pod.ip(), questions)
                .map(replies -> observation(pod, replies))
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("%s (%s) did not answer: %s", pod.name(), pod.ip(), e.getMessage());
                    return NodeObservation.unreachable(pod, String.valueOf(e.getMessage()));
                });
    }

    private static NodeObservation observation(ValkeyPod pod, List<String> replies) {
        Map<String, String> replication = InfoFields.parse(replies.get(2));
        return NodeObservation.of(pod, ClusterView.parse(replies.get(0)),
                "up".equals(replication.get("master_link_status")),
                "ok".equals(InfoFields.parse(replies.get(1)).get("cluster_state")),
                Long.parseLong(replication.getOrDefault("master_repl_offset", "0")));
    }

    /** An action as the report lists it. */
    private record Performed(String line, boolean succeeded) {
    }

    /** Sends the action's command; a refusal is reported, not thrown, as the next observation decides anyway. */
    private Performed perform(FormationRequest request, NodeConnections nodes, String password,
                              FormationAction action) {
        String description = action.describe();
        LOG.infof("%s/%s: %s", request.namespace(), request.cluster(), description);
        try {
            String ip = action.on().ip();
            if (action instanceof FormationAction.Meet meet) {
                nodes.send(ip, Command.CLUSTER, "MEET", meet.target().ip(), "6379", "16379");
            } else if (action instanceof FormationAction.Forget forget) {
                nodes.send(ip, Command.CLUSTER, "FORGET", forget.nodeId());
            } else if (action instanceof FormationAction.AssignSlots slots) {
                nodes.send(ip, Command.CLUSTER, "ADDSLOTSRANGE", Integer.toString(slots.range().start()),
                        Integer.toString(slots.range().end()));
            } else if (action instanceof FormationAction.Replicate replicate) {
                nodes.send(ip, Command.CLUSTER, "REPLICATE", replicate.primaryId());
            } else if (action instanceof FormationAction.MigrateSlots move) {
                metrics.slotsMigrated(request, new SlotMigration(nodes, password).migrate(move));
            } else if (action instanceof FormationAction.Failover failover) {
                nodes.send(ip, Command.CLUSTER, "FAILOVER");
                if (!rolesSwitched(nodes, failover.on())) {
                    throw new IllegalStateException("roles did not switch within " + settings.failoverTimeout());
                }
                if (failover.reason() == FormationAction.Failover.Reason.PLANNED_RESTART
                        && !everyoneSeesTheSwitch(request, nodes, failover.currentPrimary())) {
                    throw new IllegalStateException("not every node saw " + failover.currentPrimary().name()
                            + " give up its slots within " + settings.failoverTimeout());
                }
            }
            metrics.performed(request, action);
            return new Performed(description, true);
        } catch (RuntimeException e) {
            LOG.warnf("%s/%s: %s failed: %s", request.namespace(), request.cluster(), description, e.getMessage());
            return new Performed(description + " failed: " + e.getMessage(), false);
        }
    }

    /** Waits, bounded by the failover timeout, until the pod a failover was sent to leads its shard. */
    private boolean rolesSwitched(NodeConnections nodes, ValkeyPod newPrimary) {
        return poll(settings.failoverTimeout(), () -> {
            try {
                ClusterNode self = ClusterView.parse(nodes.send(newPrimary.ip(), Command.CLUSTER, "NODES")).myself();
                return self.isMaster() && self.hasSlots();
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /**
     * Before a former primary's pod is deleted, every node that answers must route its slots elsewhere: clients
     * asking any of them are then sent to the new primary, never to the pod about to go away.
     */
    private boolean everyoneSeesTheSwitch(FormationRequest request, NodeConnections nodes, ValkeyPod formerPrimary) {
        return poll(settings.failoverTimeout(), () -> request.pods().stream().allMatch(pod -> {
            try {
                return ClusterView.parse(nodes.send(pod.ip(), Command.CLUSTER, "NODES")).nodes().stream()
                        .noneMatch(node -> node.isAt(formerPrimary.ip(), NodeConnections.CLIENT_PORT)
                                && node.isMaster() && node.hasSlots());
            } catch (RuntimeException e) {
                return true; // a node that does not answer routes nobody anywhere
            }
        }));
    }

    private boolean poll(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(settings.pollInterval());
        }
        return true;
    }

    private static String formedMessage(FormationRequest request) {
        return "Cluster formed: " + request.shards() + " shards with " + request.replicasPerShard()
                + " replica(s) each, all slots served, cluster_state ok";
    }

    private static void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("formation pass interrupted", e);
        }
    }
}

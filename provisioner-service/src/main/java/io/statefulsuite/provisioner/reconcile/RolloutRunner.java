package io.statefulsuite.provisioner.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.crd.ValkeyRolloutStatus;
import io.statefulsuite.provisioner.domain.NodeTransport;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import io.statefulsuite.provisioner.domain.formation.FormationReport;
import io.statefulsuite.provisioner.domain.formation.FormationRequest;
import io.statefulsuite.provisioner.domain.formation.ValkeyPod;
import io.statefulsuite.provisioner.manifests.ConfigMapManifest;
import io.statefulsuite.provisioner.manifests.StatefulSetManifest;
import io.statefulsuite.provisioner.domain.rollout.RolloutPlanner;
import io.statefulsuite.provisioner.domain.rollout.RolloutPod;
import io.statefulsuite.provisioner.domain.rollout.RolloutProgress;
import io.statefulsuite.provisioner.domain.rollout.RolloutStep;
import io.statefulsuite.provisioner.k8s.ClusterCleanup;
import io.statefulsuite.provisioner.k8s.ClusterObserver.Observation;
import io.statefulsuite.provisioner.reconcile.FormationRunner.FormationFailure;
import io.statefulsuite.provisioner.valkey.ClusterFormation;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rolls the pods to the current revision of their template, one pod per reconcile pass (the StatefulSets use
 * update strategy OnDelete, so nothing else replaces them): {@link RolloutPlanner} decides, this class observes the
 * Valkey nodes, hands a primary's slots over (planned CLUSTER FAILOVER) and deletes the pod. A pod is outdated when
 * its {@link StatefulSetManifest#REVISION_ANNOTATION} differs from the revision rendered from the spec now.
 */
@ApplicationScoped
public class RolloutRunner {

    static final String ROLLING_UPDATE = "RollingUpdate";
    private static final Logger LOG = Logger.getLogger(RolloutRunner.class);

    private final FormationRunner runner;
    private final ClusterFormation formation;
    private final ClusterCleanup cleanup;
    private final MeterRegistry registry;

    public RolloutRunner(FormationRunner runner, ClusterFormation formation, ClusterCleanup cleanup,
                         MeterRegistry registry) {
        this.runner = runner;
        this.formation = formation;
        this.cleanup = cleanup;
        this.registry = registry;
    }

    /** Where the rollout stands as the pods show it; changes nothing. */
    public RolloutProgress progress(ValkeyCluster cluster, ResolvedSpec spec, Observation observed) {
        return progress(cluster, spec, observed, new RolloutStep.Wait("pods to be up and the cluster formed"));
    }

    /**
     * One step of the rollout. Call it only when the cluster is formed and every pod is ready; the planner
     * checks that again against what the Valkey nodes say. Never throws: what went wrong is in the message.
     */
    public RolloutProgress step(ValkeyCluster cluster, ResolvedSpec spec, Observation observed, String password,
                                NodeTransport transport) {
        String namespace = cluster.getMetadata().getNamespace();
        String name = cluster.getMetadata().getName();
        List<RolloutPod> pods = pods(name, spec, observed, revision(namespace, name, spec));
        if (pods.stream().allMatch(RolloutPod::updated)) {
            return progress(cluster, spec, observed, new RolloutStep.Done());
        }
        FormationRequest request = FormationRunner.request(namespace, name, spec, observed);
        RolloutStep step;
        try {
            step = runner.bounded("rollout step", () -> RolloutPlanner.next(pods,
                    formation.observe(request, password, transport), expected(spec), spec.replicasPerShard()));
            if (step instanceof RolloutStep.Replace replace) {
                step = replace(request, replace, password, transport);
            }
        } catch (FormationFailure e) {
            step = new RolloutStep.Wait("the Valkey nodes to answer (" + e.getMessage() + ")");
        }
        return progress(cluster, spec, observed, step);
    }

    /** As status shows it. */
    static ValkeyRolloutStatus toStatus(RolloutProgress progress) {
        return new ValkeyRolloutStatus(progress.revision(), progress.updated(), progress.total(),
                progress.currentPod().orElse(null), progress.shard().orElse(null), progress.message());
    }

    /** Hands the pod's slots over when it serves any, then deletes it; a failed handover deletes nothing. */
    private RolloutStep replace(FormationRequest request, RolloutStep.Replace replace, String password,
                                NodeTransport transport) throws FormationFailure {
        ValkeyPod pod = replace.pod();
        if (replace.successor().isPresent()) {
            FormationReport handover = runner.bounded("failover of " + pod.name(),
                    () -> formation.prepareForRestart(request, pod, password, transport));
            if (!handover.formed()) {
                return new RolloutStep.Wait(handover.message());
            }
        }
        LOG.infof("%s/%s: rolling update: %s", request.namespace(), request.cluster(), replace.describe());
        cleanup.deletePod(request.namespace(), pod.name());
        Counter.builder("valkey.provisioner.rollout.pods.replaced")
                .description("Pods deleted by rolling updates so that their StatefulSet re-creates them")
                .tags("namespace", request.namespace(), "cluster", request.cluster())
                .register(registry).increment();
        return replace;
    }

    private RolloutProgress progress(ValkeyCluster cluster, ResolvedSpec spec, Observation observed,
                                     RolloutStep step) {
        String namespace = cluster.getMetadata().getNamespace();
        String name = cluster.getMetadata().getName();
        String revision = revision(namespace, name, spec);
        List<RolloutPod> pods = pods(name, spec, observed, revision);
        boolean outdatedLeft = observed.pods().stream().filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .anyMatch(pod -> !revision.equals(StatefulSetManifest.revisionOf(pod.getMetadata())));
        return RolloutProgress.of(revision, pods, expected(spec), outdatedLeft, wasInProgress(cluster), step);
    }

    private static boolean wasInProgress(ValkeyCluster cluster) {
        return cluster.getStatus() != null && cluster.getStatus().getConditions() != null
                && cluster.getStatus().getConditions().stream()
                .anyMatch(c -> ROLLING_UPDATE.equals(c.getType()) && Conditions.TRUE.equals(c.getStatus()));
    }

    /** The revision the StatefulSets' pod templates are rendered with from this spec. */
    private static String revision(String namespace, String name, ResolvedSpec spec) {
        return StatefulSetManifest.revision(name, spec,
                ConfigMapManifest.checksum(ConfigMapManifest.render(namespace, name, spec)));
    }

    private static List<RolloutPod> pods(String name, ResolvedSpec spec, Observation observed, String revision) {
        Map<String, Pod> byName = observed.pods().stream()
                .collect(Collectors.toMap(pod -> pod.getMetadata().getName(), Function.identity()));
        return FormationRunner.pods(name, spec, observed).stream().map(pod -> {
            Pod live = byName.get(pod.name());
            return new RolloutPod(pod, FormationRunner.ordinal(pod.name()),
                    revision.equals(StatefulSetManifest.revisionOf(live.getMetadata())), Observation.isReady(live));
        }).toList();
    }

    private static int expected(ResolvedSpec spec) {
        return spec.shards() + spec.replicaCount();
    }
}

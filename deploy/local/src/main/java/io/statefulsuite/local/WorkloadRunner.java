package io.statefulsuite.local;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.local.controller.GarbageCollector;
import io.statefulsuite.local.controller.StatefulSetController;
import io.statefulsuite.local.controller.PersistentVolumeController;
import io.statefulsuite.local.node.Kubelet;
import io.statefulsuite.local.node.Scheduler;
import io.statefulsuite.local.node.SimulatedNodes;
import io.statefulsuite.local.node.VolumeProvisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the parts of a cluster that run Valkey pods, kept apart as Kubernetes keeps them: the control-plane role
 * (kube-controller-manager's StatefulSet, PV and garbage collection controllers) and the node role (simulated zoned
 * nodes with their heartbeat, the scheduler, the disk driver and the kubelet running real Valkey processes). Each
 * role acts only through the API, so either can face a real counterpart: against a control plane without nodes only
 * the node role runs, and a test may run the control-plane role alone as the stand-in for a real one.
 */
public final class WorkloadRunner implements AutoCloseable {

    /** The parts of a cluster this runner plays. */
    public enum Role { CONTROL_PLANE, NODES }

    private static final Logger LOG = LoggerFactory.getLogger(WorkloadRunner.class);
    private final Set<Role> roles;
    private final StatefulSetController statefulSets;
    private final PersistentVolumeController persistentVolumes;
    private final GarbageCollector garbage;
    private final SimulatedNodes nodes;
    private final Scheduler scheduler;
    private final VolumeProvisioner disks;
    private final Kubelet kubelet;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "workload-runner");
        thread.setDaemon(true);
        return thread;
    });

    public WorkloadRunner(KubernetesClient client, Settings settings) {
        this.roles = settings.roles();
        this.statefulSets = new StatefulSetController(client);
        this.persistentVolumes = new PersistentVolumeController(client);
        this.garbage = new GarbageCollector(client);
        this.nodes = new SimulatedNodes(client, settings.zones(), settings.nodePoolLabels());
        this.scheduler = new Scheduler(client, nodes.names());
        this.disks = new VolumeProvisioner(client, settings.workDir().resolve("volumes"), nodes.zoneByNode());
        if (roles.contains(Role.NODES)) {
            nodes.register();
            disks.installBuiltInClasses();
        }
        this.kubelet = new Kubelet(client, nodes.names(), disks, settings.workDir().resolve("pods"),
                settings.restartDelay());
    }

    /** One pass of every role; the background loop calls this, tests may call it directly. */
    public synchronized void tick() {
        if (roles.contains(Role.CONTROL_PLANE)) {
            statefulSets.reconcileAll();
            persistentVolumes.bindAll();
            garbage.collect();
        }
        if (roles.contains(Role.NODES)) {
            nodes.heartbeat();
            scheduler.scheduleAll();
            disks.provisionAll();
            kubelet.syncAll();
        }
    }

    public WorkloadRunner start(Duration interval) {
        loop.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warn("Workload runner pass failed, retrying: {}", e.toString());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public Kubelet kubelet() {
        return kubelet;
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kubelet.stopAll();
    }

    /**
     * @param zones        zone label values of the simulated nodes, one node each
     * @param restartDelay how long a crashed process stays down before its in-place restart
     * @param roles        what to play: both on the embedded API server, the nodes alone against a real control plane
     */
    public record Settings(Path workDir, List<String> zones, Map<String, String> nodePoolLabels,
                           Duration restartDelay, Set<Role> roles) {

        public static Settings defaults(Path workDir) {
            return new Settings(workDir, List.of("1", "2", "3"), Map.of("agentpool", "valkey"), Duration.ofSeconds(1),
                    EnumSet.allOf(Role.class));
        }

        public Settings withRoles(Set<Role> playing) {
            return new Settings(workDir, zones, nodePoolLabels, restartDelay, playing);
        }
    }
}

package io.statefulsuite.local;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.local.controller.GarbageCollector;
import io.statefulsuite.local.controller.StatefulSetController;
import io.statefulsuite.local.controller.VolumeBinder;
import io.statefulsuite.local.node.Kubelet;
import io.statefulsuite.local.node.Scheduler;
import io.statefulsuite.local.node.SimulatedNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the parts of a cluster that run Valkey pods, kept apart as Kubernetes keeps them: the controller role
 * (StatefulSets → pods and claims, volume binding, garbage collection) and the node role (scheduling onto the
 * simulated zoned nodes, running and reporting the pods). Against a real control plane, whose own controllers
 * create pods and claims, only the node role runs.
 */
public final class WorkloadRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkloadRunner.class);
    private final boolean controllerRole;
    private final StatefulSetController statefulSets;
    private final VolumeBinder volumes;
    private final GarbageCollector garbage;
    private final Scheduler scheduler;
    private final Kubelet kubelet;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "workload-runner");
        thread.setDaemon(true);
        return thread;
    });

    public WorkloadRunner(KubernetesClient client, Settings settings) {
        this.controllerRole = settings.controllerRole();
        this.statefulSets = new StatefulSetController(client);
        this.volumes = new VolumeBinder(client, settings.workDir().resolve("volumes"));
        this.garbage = new GarbageCollector(client);
        List<String> nodes = SimulatedNodes.ensure(client, settings.zones(), settings.nodePoolLabels());
        this.scheduler = new Scheduler(client, nodes);
        this.kubelet = new Kubelet(client, nodes, volumes, settings.workDir().resolve("pods"), settings.restartDelay());
    }

    /** One pass of every role; the background loop calls this, tests may call it directly. */
    public synchronized void tick() {
        if (controllerRole) {
            statefulSets.reconcileAll();
            volumes.bindAll();
            garbage.collect();
        }
        scheduler.scheduleAll();
        kubelet.syncAll();
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
     * @param zones          zone label values of the simulated nodes, one node each
     * @param restartDelay   how long a crashed process stays down before its in-place restart
     * @param controllerRole false against a real control plane
     */
    public record Settings(Path workDir, List<String> zones, Map<String, String> nodePoolLabels,
                           Duration restartDelay, boolean controllerRole) {

        public static Settings defaults(Path workDir) {
            return new Settings(workDir, List.of("1", "2", "3"), Map.of("agentpool", "valkey"), Duration.ofSeconds(1), true);
        }
    }
}

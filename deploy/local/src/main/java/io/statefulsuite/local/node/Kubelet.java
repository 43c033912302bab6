package io.statefulsuite.local.node;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.statefulsuite.testkit.valkey.LoopbackAddresses;
import io.statefulsuite.testkit.valkey.ValkeyNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kubelet of the simulated nodes, for Valkey pods only: it runs each pod scheduled here as a real server
 * process on a loopback address of its own (the pod IP) with the claim's folder as {@code /data}, the pod's
 * ConfigMap as {@code valkey.conf} and the password from the pod's Secret volume; it restarts a crashed process
 * in place (same IP, after {@code restartDelay}, as a container restart), gives a re-created pod a new IP, and
 * reports phase, IP and readiness (PING, and {@code cluster_state:ok} once the node knows other nodes).
 */
public final class Kubelet {

    private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);
    /** Directives this kubelet decides itself: addresses, paths and the password include. */
    private static final Set<String> OWN_DIRECTIVES = Set.of("bind", "port", "dir", "include", "cluster-config-file",
            "daemonize", "pidfile", "logfile", "protected-mode", "supervised", "requirepass", "masterauth",
            "primaryauth", "cluster-enabled");

    private final KubernetesClient client;
    private final Set<String> nodeNames;
    private final VolumeProvisioner volumes;
    private final Path workRoot;
    private final Duration restartDelay;
    private final Map<String, RunningPod> running = new ConcurrentHashMap<>();

    public Kubelet(KubernetesClient client, List<String> nodeNames, VolumeProvisioner volumes, Path workRoot,
                   Duration restartDelay) {
        this.client = client;
        this.nodeNames = Set.copyOf(nodeNames);
        this.volumes = volumes;
        this.workRoot = workRoot;
        this.restartDelay = restartDelay;
    }

    /**
     * Stops the processes of deleted pods before starting new ones: a re-created pod (same name, new uid) gets the
     * same data folder, which its predecessor must have let go of first, as a real node detaches the volume.
     */
    public void syncAll() {
        // Pods not scheduled yet have no nodeName, which Set.contains refuses
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems().stream()
                .filter(pod -> pod.getSpec().getNodeName() != null && nodeNames.contains(pod.getSpec().getNodeName()))
                .toList();
        Set<String> seen = new HashSet<>();
        pods.forEach(pod -> seen.add(pod.getMetadata().getUid()));
        running.keySet().stream().filter(uid -> !seen.contains(uid)).toList().forEach(this::stopDeletedPod);
        for (Pod pod : pods) {
            try {
                sync(pod);
            } catch (KubernetesClientException | IllegalStateException e) {
                LOG.warn("Pod {}/{} not started yet: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                        e.getMessage());
            }
        }
    }

    /**
     * Kills the process of a pod as a crash would (SIGKILL, no failover first) and keeps it down for
     * {@code downtime}, as a node outage or a crash loop would, before the in-place restart.
     */
    public void crash(String namespace, String podName, Duration downtime) {
        running.values().stream().filter(pod -> pod.is(namespace, podName)).forEach(pod -> {
            pod.node.kill();
            pod.restartAt = Instant.now().plus(downtime);
        });
    }

    /** Stops every process, e.g. on shutdown. */
    public void stopAll() {
        running.values().forEach(pod -> pod.node.stop());
        running.clear();
    }

    /** The process behind a pod, for tests and demos. */
    public Optional<ValkeyNode> processOf(String namespace, String podName) {
        return running.values().stream().filter(pod -> pod.is(namespace, podName)).map(pod -> pod.node).findFirst();
    }

    private void sync(Pod pod) {
        RunningPod current = running.get(pod.getMetadata().getUid());
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            stopDeletedPod(pod.getMetadata().getUid());
            return;
        }
        if (current == null) {
            current = start(pod);
            if (current == null) {
                return;
            }
            running.put(pod.getMetadata().getUid(), current);
        } else if (!current.node.isRunning()) {
            restartIfDue(current);
        }
        reportStatus(pod, current);
    }

    private RunningPod start(Pod pod) {
        Optional<Path> data = dataFolder(pod);
        if (data.isEmpty()) {
            return null;
        }
        String password = password(pod);
        List<String> config = configLines(pod);
        ValkeyNode.Builder builder = ValkeyNode.builder()
                .host(LoopbackAddresses.allocate(6379, 16379)).port(6379)
                .workDir(workRoot.resolve(pod.getMetadata().getNamespace()).resolve(pod.getMetadata().getName()))
                .dataDir(data.get()).password(password)
                .clusterEnabled(config.stream().anyMatch(line -> line.matches("cluster-enabled\\s+yes")));
        config.stream().filter(line -> !OWN_DIRECTIVES.contains(directive(line))).forEach(line -> {
            String[] parts = line.split("\\s+", 2);
            builder.config(parts[0], parts.length > 1 ? parts[1] : "");
        });
        ValkeyNode node = builder.start();
        LOG.info("Started {}/{} on {}:6379", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), node.host());
        return new RunningPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), node);
    }

    private void restartIfDue(RunningPod pod) {
        if (pod.restartAt == null) {
            pod.restartAt = Instant.now().plus(restartDelay);
        }
        if (Instant.now().isAfter(pod.restartAt)) {
            pod.node = pod.node.restart();
            pod.restarts++;
            pod.restartAt = null;
            LOG.info("Restarted {}/{} on {}:6379 (restart {})", pod.namespace, pod.name, pod.node.host(), pod.restarts);
        }
    }

    private void stopDeletedPod(String uid) {
        RunningPod pod = running.remove(uid);
        if (pod != null) {
            pod.node.stop();
            LOG.info("Stopped {}/{}", pod.namespace, pod.name);
        }
    }

    private void reportStatus(Pod pod, RunningPod process) {
        boolean alive = process.node.isRunning();
        boolean ready = alive && Readiness.isReady(process.node, password(pod));
        PodStatus status = new PodStatusBuilder(Optional.ofNullable(pod.getStatus()).orElse(new PodStatus()))
                .withPhase("Running").withPodIP(process.node.host()).withHostIP("127.0.0.1")
                .withPodIPs(new io.fabric8.kubernetes.api.model.PodIP(process.node.host()))
                .withConditions(
                        condition("PodScheduled", true), condition("Initialized", true),
                        condition("ContainersReady", ready), condition("Ready", ready))
                .withContainerStatuses(pod.getSpec().getContainers().stream().map(container ->
                        new io.fabric8.kubernetes.api.model.ContainerStatusBuilder().withName(container.getName())
                                .withImage(container.getImage()).withReady(ready).withStarted(alive)
                                .withRestartCount(process.restarts).build()).toList())
                .build();
        if (!sameObservation(pod.getStatus(), status)) {
            pod.setStatus(status);
            client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).updateStatus();
        }
    }

    private static boolean sameObservation(PodStatus before, PodStatus after) {
        return before != null && after.getPodIP().equals(before.getPodIP())
                && after.getConditions().equals(before.getConditions())
                && after.getContainerStatuses().equals(before.getContainerStatuses());
    }

    private static io.fabric8.kubernetes.api.model.PodCondition condition(String type, boolean status) {
        return new io.fabric8.kubernetes.api.model.PodConditionBuilder().withType(type)
                .withStatus(status ? "True" : "False").build();
    }

    private Optional<Path> dataFolder(Pod pod) {
        for (Volume volume : pod.getSpec().getVolumes()) {
            if (volume.getPersistentVolumeClaim() != null) {
                PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(pod.getMetadata().getNamespace())
                        .withName(volume.getPersistentVolumeClaim().getClaimName()).get();
                return claim == null || claim.getSpec().getVolumeName() == null ? Optional.empty()
                        : Optional.of(volumes.folderOf(claim));
            }
        }
        throw new IllegalStateException("no PersistentVolumeClaim volume to use as /data");
    }

    private String password(Pod pod) {
        for (Volume volume : pod.getSpec().getVolumes()) {
            if (volume.getSecret() != null) {
                Secret secret = client.secrets().inNamespace(pod.getMetadata().getNamespace())
                        .withName(volume.getSecret().getSecretName()).get();
                if (secret == null) {
                    throw new IllegalStateException("Secret " + volume.getSecret().getSecretName() + " not found");
                }
                String key = Optional.ofNullable(volume.getSecret().getItems()).filter(items -> !items.isEmpty())
                        .map(items -> items.get(0).getKey()).orElse("password");
                String encoded = Optional.ofNullable(secret.getData()).map(data -> data.get(key))
                        .orElseThrow(() -> new IllegalStateException("Secret " + secret.getMetadata().getName()
                                + " has no key " + key));
                // the first line, as the rendered start.sh reads the mounted file
                return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).lines().findFirst()
                        .orElse("");
            }
        }
        return null;
    }

    private List<String> configLines(Pod pod) {
        for (Volume volume : pod.getSpec().getVolumes()) {
            if (volume.getConfigMap() != null) {
                ConfigMap configMap = client.configMaps().inNamespace(pod.getMetadata().getNamespace())
                        .withName(volume.getConfigMap().getName()).get();
                if (configMap == null || configMap.getData() == null) {
                    throw new IllegalStateException("ConfigMap " + volume.getConfigMap().getName() + " not found");
                }
                String text = configMap.getData().getOrDefault("valkey.conf",
                        configMap.getData().values().iterator().next());
                return text.lines().map(String::trim)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
            }
        }
        return List.of("cluster-enabled yes");
    }

    private static String directive(String line) {
        return line.split("\\s+", 2)[0].toLowerCase();
    }

    private static final class RunningPod {
        private final String namespace;
        private final String name;
        private ValkeyNode node;
        private int restarts;
        private Instant restartAt;

        private RunningPod(String namespace, String name, ValkeyNode node) {
            this.namespace = namespace;
            this.name = name;
            this.node = node;
        }

        private boolean is(String namespace, String name) {
            return this.namespace.equals(namespace) && this.name.equals(name);
        }
    }
}

package io.statefulsuite.provisioner.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.statefulsuite.provisioner.config.ProvisionerConfig;
import io.statefulsuite.provisioner.crd.ClusterPhase;
import io.statefulsuite.provisioner.crd.ValkeyCluster;
import io.statefulsuite.provisioner.crd.ValkeyClusterSpec;
import io.statefulsuite.provisioner.domain.ResolvedSpec;
import io.statefulsuite.provisioner.manifests.RenderOptions;
import io.statefulsuite.provisioner.manifests.ValkeyClusterManifests;
import io.statefulsuite.provisioner.k8s.ApiRetry;
import io.statefulsuite.provisioner.k8s.ClusterCleanup;
import io.statefulsuite.provisioner.k8s.ClusterObserver;
import io.statefulsuite.provisioner.k8s.ManifestApplier;
import io.statefulsuite.provisioner.k8s.TlsSecrets;
import io.statefulsuite.provisioner.k8s.ValkeyClusterStore;
import io.statefulsuite.provisioner.peers.HealthPeer;
import io.statefulsuite.provisioner.peers.SecretsSyncPeer;
import io.statefulsuite.provisioner.valkey.PasswordRotation;
import io.statefulsuite.provisioner.reconcile.ClusterReconciler;
import io.statefulsuite.provisioner.reconcile.FormationRunner;
import io.statefulsuite.provisioner.reconcile.ReconcileMetrics;
import io.statefulsuite.provisioner.reconcile.RolloutRunner;
import io.statefulsuite.provisioner.testing.ApplyAwareKubernetesServer;
import io.statefulsuite.local.apiserver.ApplyAwareMockServer;
import io.statefulsuite.provisioner.testing.ClusterFixtures;
import io.statefulsuite.provisioner.valkey.ClusterFormation;
import io.statefulsuite.provisioner.valkey.FormationSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test: surefire's default includes skip it (no *Test suffix); run it explicitly:
 * {@code ./mvnw -B -o -pl provisioner-service test -Dtest=ProvisionerBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Against the apply-aware fabric8 mock server (in-process, HTTP over loopback) it measures (1) render + server-side
 * apply of a 3x1 cluster, first time and unchanged, and (2) reconcile passes over 100 clusters, first and steady,
 * counting the requests sent to the API server. No pods run, so no Valkey formation is included.
 */
class ProvisionerBenchmark {

    private static final int APPLY_RUNS = 50;
    private static final int CLUSTERS = 100;

    private ApplyAwareMockServer server;
    private KubernetesClient client;
    private ManifestApplier applier;
    private ClusterReconciler reconciler;

    @BeforeEach
    void start() {
        server = new ApplyAwareKubernetesServer().createServer();
        server.init();
        client = server.createClient();
        ClusterFixtures.registerCrd(client);
        // The defaults of application.properties, read as Quarkus would (its Duration syntax, e.g. "100ms").
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(ProvisionerConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter()).build();
        ProvisionerConfig settings = config.getConfigMapping(ProvisionerConfig.class);
        ApiRetry retry = new ApiRetry(settings);
        applier = new ManifestApplier(client, retry, settings);
        // Never asked to form: no pod is running. Hence no Vert.x instance either.
        ClusterFormation formation = new ClusterFormation(null, new SimpleMeterRegistry(), new FormationSettings(
                Duration.ofSeconds(5), Duration.ofSeconds(45), Duration.ofMillis(250), Duration.ofSeconds(20)));
        ClusterCleanup cleanup = new ClusterCleanup(client, retry);
        FormationRunner formationRunner = new FormationRunner(formation, cleanup, settings);
        reconciler = new ClusterReconciler(new ValkeyClusterStore(client, retry), applier,
                new ClusterObserver(client, retry), cleanup, formationRunner,
                new ReconcileMetrics(new SimpleMeterRegistry()), new SecretsSyncPeer(settings, null, null),
                new HealthPeer(settings, null, null), settings, new PasswordRotation(null, settings),
                new RolloutRunner(formationRunner, formation, cleanup, new SimpleMeterRegistry()),
                new TlsSecrets(client, retry));
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void renderAndApplyOfA3x1Cluster() {
        ValkeyCluster owner = cluster("bench", "warmup");
        applyOnce(owner);
        Measure first = new Measure();
        for (int i = 0; i < APPLY_RUNS; i++) {
            applyOnce(cluster("bench-" + i, "cache"));
        }
        first.report("render + apply 3x1 cluster, new objects", APPLY_RUNS);
        Measure unchanged = new Measure();
        for (int i = 0; i < APPLY_RUNS; i++) {
            applyOnce(cluster("bench-" + i, "cache"));
        }
        unchanged.report("render + apply 3x1 cluster, unchanged", APPLY_RUNS);
    }

    @Test
    void reconcileOf100Clusters() {
        for (int i = 0; i < CLUSTERS; i++) {
            String ns = "tenant-" + i;
            ClusterFixtures.passwordSecret(client, ns, "cache", "pw-" + i);
            client.resources(ValkeyCluster.class).resource(cluster(ns, "cache")).create();
        }
        Measure first = new Measure();
        reconcileAll();
        first.report("reconcile pass, 100 new clusters", CLUSTERS);
        Measure steady = new Measure();
        reconcileAll();
        steady.report("reconcile pass, 100 unchanged clusters", CLUSTERS);
        assertThat(client.resources(ValkeyCluster.class).inAnyNamespace().list().getItems())
                .allSatisfy(c -> assertThat(c.getStatus().getPhase()).isEqualTo(ClusterPhase.Provisioning));
    }

    private void reconcileAll() {
        for (int i = 0; i < CLUSTERS; i++) {
            reconciler.reconcile("tenant-" + i + "/cache");
        }
    }

    private void applyOnce(ValkeyCluster owner) {
        String ns = owner.getMetadata().getNamespace();
        String name = owner.getMetadata().getName();
        List<HasMetadata> manifests = ValkeyClusterManifests.render(ns, name,
                ResolvedSpec.resolve(ns, name, owner.getSpec()), RenderOptions.DEFAULTS);
        applier.apply(owner, manifests);
    }

    private static ValkeyCluster cluster(String namespace, String name) {
        ValkeyCluster cluster = new ValkeyCluster();
        cluster.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name)
                .withUid("uid-" + namespace + "-" + name).build());
        cluster.setSpec(new ValkeyClusterSpec());
        return cluster;
    }

    /** Wall time and API requests from construction to {@link #report}. */
    private final class Measure {
        private final long started = System.nanoTime();
        private final int requests = server.dispatcher().requests();

        void report(String what, int runs) {
            double millis = (System.nanoTime() - started) / 1e6;
            int sent = server.dispatcher().requests() - requests;
            System.out.printf(Locale.ROOT, "BENCH %-42s total %8.1f ms  per item %7.2f ms  requests %5d (%.1f per item)%n",
                    what, millis, millis / runs, sent, (double) sent / runs);
        }
    }
}

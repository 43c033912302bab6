package io.statefulsuite.local;

import io.statefulsuite.keyvault.emulator.EmulatorSettings;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;
import io.statefulsuite.local.apiserver.LocalApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.statefulsuite.local.stack.ClusterSetup;
import io.statefulsuite.local.stack.ExistingCluster;
import io.statefulsuite.local.stack.Kubeconfig;
import io.statefulsuite.local.stack.ServiceProcess;
import io.statefulsuite.local.stack.StackOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The whole suite on one machine: the local Kubernetes API, the workload runner (StatefulSet controller and three
 * zoned nodes running real Valkey processes), the Key Vault emulator and the three services as real processes from
 * their packaged jars. With a kubeconfig, an existing cluster's API server takes the local one's place, and the
 * workload runner plays only what that cluster lacks (its nodes, if asked). {@link #close()} stops everything it
 * started, in reverse order.
 */
public final class LocalStack implements AutoCloseable {

    public static final String SUITE_NAMESPACE = "stateful-suite";
    private static final Duration SERVICE_START_TIMEOUT = Duration.ofMinutes(2);

    private final StackOptions options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private LocalApiServer apiServer;
    private KubernetesClient client;
    private WorkloadRunner workloads;
    private KeyVaultEmulator vault;
    private ServiceEnvironment environment;
    private final Map<String, ServiceProcess> services = new HashMap<>();

    public LocalStack(StackOptions options) {
        this.options = options;
    }

    /**
     * The mock API server logs every request at INFO; the stack reports its own progress instead. Held in a field:
     * java.util.logging keeps loggers weakly, and a collected one forgets its level.
     */
    private static final java.util.logging.Logger MOCK_SERVER_LOG =
            java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    public static void main(String[] args) throws InterruptedException {
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
        StackOptions options;
        try {
            options = StackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Progress.say("Stopping every process the stack started ...");
            stack.close();
        }));
        try {
            stack.start();
            PipelineFlow flow = new PipelineFlow(stack);
            if (options.runPipeline()) {
                flow.provisionAndReport();
            }
            if (options.demoFailover()) {
                flow.demoFailover();
            }
            stack.printEndpoints();
        } catch (RuntimeException e) {
            Progress.say("FAILED: " + e.getMessage());
            System.exit(1);
        }
        Progress.say("Running. Press Ctrl-C to stop.");
        Thread.currentThread().join();
    }

    public LocalStack start() {
        prepareWorkDir();
        Path kubeconfig = options.embedded() ? startApiServer() : connectToCluster();
        ClusterSetup setup = new ClusterSetup(client);
        List<String> crds = setup.applyCrds(options.repo().resolve("deploy/crds"));
        setup.applyNamespace(SUITE_NAMESPACE);
        setup.applyNamespace(options.namespace());
        Progress.say("Applied (server-side, field manager " + ClusterSetup.FIELD_MANAGER + ") the CRDs " + crds
                + " and the namespaces " + SUITE_NAMESPACE + ", " + options.namespace());
        startWorkloads();

        vault = track(KeyVaultEmulator.start(EmulatorSettings.defaults().withPort(options.vaultPort())));
        Path vaultCa = writeVaultCa();
        Progress.say("Key Vault emulator on " + vault.vaultUrl());

        environment = new ServiceEnvironment(kubeconfig, vaultCa, vault.vaultUrl(), options);
        for (ServiceEnvironment.Service service : ServiceEnvironment.Service.values()) {
            services.put(service.moduleName(), startService(service));
        }
        services.values().forEach(this::awaitReady);
        return this;
    }

    private Path startApiServer() {
        apiServer = track(LocalApiServer.start(options.apiPort()));
        client = apiServer.client();
        Path kubeconfig = Kubeconfig.write(options.workDir().resolve("kubeconfig"), apiServer.url(), SUITE_NAMESPACE);
        Progress.say("Kubernetes API (fabric8 mock, CRUD mode) on " + apiServer.url() + "; kubeconfig " + kubeconfig);
        return kubeconfig;
    }

    private Path connectToCluster() {
        ExistingCluster cluster = track(ExistingCluster.connect(options.kubeconfig(), options.context(),
                options.workDir()));
        client = cluster.client();
        Progress.say("Kubernetes API " + client.getMasterUrl() + " (context " + cluster.context() + " of "
                + options.kubeconfig() + ", server " + client.getKubernetesVersion().getGitVersion() + ")");
        return cluster.kubeconfigForServices();
    }

    /** The roles the cluster lacks: all on the embedded API server, the nodes alone when asked, else none. */
    private void startWorkloads() {
        Set<WorkloadRunner.Role> roles = options.embedded() ? EnumSet.allOf(WorkloadRunner.Role.class)
                : options.simulateNodes() ? EnumSet.of(WorkloadRunner.Role.NODES)
                : EnumSet.noneOf(WorkloadRunner.Role.class);
        if (roles.isEmpty()) {
            Progress.say("Pods run on the cluster's own nodes; its controllers and kubelets do the rest");
            return;
        }
        workloads = track(new WorkloadRunner(client, WorkloadRunner.Settings.defaults(options.workDir())
                .withRoles(roles)).start(Duration.ofMillis(500)));
        Progress.say((roles.contains(WorkloadRunner.Role.CONTROL_PLANE) ? "Controllers (StatefulSet, PV, garbage "
                + "collection) and simulated" : "Simulated") + " nodes in zones 1, 2, 3 run Valkey pods as real "
                + "processes (" + io.statefulsuite.testkit.valkey.ValkeyBinary.locate() + ")");
    }

    /** Stops a service's process and starts a new one, as a pod replaced mid-work would be. */
    public void restart(ServiceEnvironment.Service service) {
        ServiceProcess old = services.get(service.moduleName());
        old.close();
        started.remove(old);
        ServiceProcess replacement = startService(service);
        services.put(service.moduleName(), replacement);
        awaitReady(replacement);
    }

    private ServiceProcess startService(ServiceEnvironment.Service service) {
        return track(ServiceProcess.start(service.moduleName(),
                options.repo().resolve(service.moduleName()).resolve("target/quarkus-app/quarkus-run.jar"),
                service.port(options), environment.of(service), options.workDir().resolve("logs")));
    }

    private void awaitReady(ServiceProcess service) {
        service.awaitReady(SERVICE_START_TIMEOUT);
        Progress.say(service.name() + " ready on " + service.baseUrl() + " (log " + service.logFile() + ")");
    }

    public StackOptions options() {
        return options;
    }

    /** The embedded API server, or null when the stack runs against an existing cluster. */
    public LocalApiServer apiServer() {
        return apiServer;
    }

    /** A client of the cluster the stack runs against, with the stack's own rights. */
    public KubernetesClient client() {
        return client;
    }

    /** The simulated parts of the cluster, or null when the cluster has its own nodes. */
    public WorkloadRunner workloads() {
        return workloads;
    }

    public KeyVaultEmulator vault() {
        return vault;
    }

    public String urlOf(ServiceEnvironment.Service service) {
        return services.get(service.moduleName()).baseUrl();
    }

    public void printEndpoints() {
        Progress.say("Endpoints:");
        for (ServiceEnvironment.Service service : ServiceEnvironment.Service.values()) {
            String url = urlOf(service);
            Progress.say(String.format("  %-22s API %s/api/v1  Swagger UI %s/q/swagger-ui  metrics %s/q/metrics",
                    service.moduleName(), url, url, url));
        }
        Progress.say("  Kubernetes API        " + client.getMasterUrl() + "  (KUBECONFIG=" + environment.kubeconfig() + ")");
        Progress.say("  Key Vault emulator    " + vault.vaultUrl());
    }

    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                Progress.say("While stopping: " + e.getMessage());
            }
        }
        started.clear();
    }

    private <T extends AutoCloseable> T track(T component) {
        started.add(component);
        return component;
    }

    private Path writeVaultCa() {
        Path ca = options.workDir().resolve("vault-ca.pem");
        try {
            vault.tls().writeCaCertificatePem(ca);
            return ca;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each run starts from nothing, as a new cluster would; the previous run's data goes. */
    private void prepareWorkDir() {
        Path workDir = options.workDir();
        try {
            if (Files.exists(workDir)) {
                try (Stream<Path> paths = Files.walk(workDir)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + workDir, e);
        }
    }
}

package io.statefulsuite.local;

import io.statefulsuite.keyvault.emulator.EmulatorSettings;
import io.statefulsuite.keyvault.emulator.KeyVaultEmulator;
import io.statefulsuite.local.apiserver.LocalApiServer;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole suite on one machine: the local Kubernetes API, the workload runner (StatefulSet controller and three
 * zoned nodes running real Valkey processes), the Key Vault emulator and the three services as real processes from
 * their packaged jars. {@link #close()} stops everything it started, in reverse order.
 */
public final class LocalStack implements AutoCloseable {

    public static final String SUITE_NAMESPACE = "stateful-suite";
    private static final Duration SERVICE_START_TIMEOUT = Duration.ofMinutes(2);

    private final StackOptions options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private LocalApiServer apiServer;
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
        StackOptions options = StackOptions.parse(args);
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
        apiServer = track(LocalApiServer.start(options.apiPort()));
        apiServer.installCrds(options.repo().resolve("deploy/crds"));
        apiServer.createNamespace(SUITE_NAMESPACE);
        apiServer.createNamespace(options.namespace());
        Path kubeconfig = Kubeconfig.write(options.workDir().resolve("kubeconfig"), apiServer.url(), SUITE_NAMESPACE);
        Progress.say("Kubernetes API (fabric8 mock, CRUD mode) on " + apiServer.url() + "; kubeconfig " + kubeconfig);

        workloads = track(new WorkloadRunner(apiServer.client(), WorkloadRunner.Settings.defaults(options.workDir()))
                .start(Duration.ofMillis(500)));
        Progress.say("Simulated nodes in zones 1, 2, 3 run Valkey pods as real processes ("
                + io.statefulsuite.testkit.valkey.ValkeyBinary.locate() + ")");

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

    public LocalApiServer apiServer() {
        return apiServer;
    }

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
        Progress.say("  Kubernetes API        " + apiServer.url() + "  (KUBECONFIG=" + options.workDir().resolve("kubeconfig") + ")");
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

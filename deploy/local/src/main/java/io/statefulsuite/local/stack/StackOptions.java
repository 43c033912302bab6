package io.statefulsuite.local.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Command-line options of the local stack.
 *
 * @param kubeconfig    an existing cluster to run against instead of the embedded API server, or null
 * @param context       the kubeconfig's context to use, or null for its current one
 * @param simulateNodes with a kubeconfig: play the node role for a control plane that has no nodes
 */
public record StackOptions(Path repo, Path workDir, int apiPort, int vaultPort, int servicePortBase, String namespace,
                           String cluster, boolean runPipeline, boolean demoFailover, Path kubeconfig, String context,
                           boolean simulateNodes) {

    /** The embedded stack: its own API server and simulated nodes. */
    public StackOptions(Path repo, Path workDir, int apiPort, int vaultPort, int servicePortBase, String namespace,
                        String cluster, boolean runPipeline, boolean demoFailover) {
        this(repo, workDir, apiPort, vaultPort, servicePortBase, namespace, cluster, runPipeline, demoFailover, null,
                null, false);
    }

    public StackOptions {
        if (kubeconfig == null && (context != null || simulateNodes)) {
            throw new IllegalArgumentException((context != null ? "--context" : "--simulate-nodes")
                    + " needs --kubeconfig FILE (the embedded stack has its own API server and simulated nodes)");
        }
        if (kubeconfig != null && !simulateNodes && demoFailover) {
            throw new IllegalArgumentException("--demo-failover kills a Valkey process, which only simulated nodes"
                    + " can: add --simulate-nodes, or run the embedded stack");
        }
        if (kubeconfig != null && !java.nio.file.Files.isReadable(kubeconfig)) {
            throw new IllegalArgumentException("--kubeconfig " + kubeconfig + ": no such readable file");
        }
    }

    /** Whether the stack runs its own API server rather than using the kubeconfig's. */
    public boolean embedded() {
        return kubeconfig == null;
    }

    /** Also printed by run.sh itself for --help, before it installs or builds anything: one text, no copy. */
    public static final String USAGE = usage();
    public static StackOptions parse(String... args) {
        Path repo = Path.of(".").toAbsolutePath().normalize();
        Path workDir = null;
        int apiPort = 6443;
        int vaultPort = 8443;
        int servicePortBase = 8080;
        String namespace = "valkey";
        String cluster = "cache";
        boolean pipeline = true;
        boolean demo = false;
        Path kubeconfig = null;
        String context = null;
        boolean simulateNodes = false;
        Iterator<String> arguments = Arrays.asList(args).iterator();
        while (arguments.hasNext()) {
            String argument = arguments.next();
            switch (argument) {
                case "--repo" -> repo = Path.of(value(arguments, argument)).toAbsolutePath().normalize();
                case "--workdir" -> workDir = Path.of(value(arguments, argument)).toAbsolutePath();
                case "--api-port" -> apiPort = Integer.parseInt(value(arguments, argument));
                case "--vault-port" -> vaultPort = Integer.parseInt(value(arguments, argument));
                case "--service-port-base" -> servicePortBase = Integer.parseInt(value(arguments, argument));
                case "--namespace" -> namespace = value(arguments, argument);
                case "--cluster" -> cluster = value(arguments, argument);
                case "--no-pipeline" -> pipeline = false;
                case "--demo-failover" -> demo = true;
                case "--kubeconfig" -> kubeconfig = Path.of(value(arguments, argument)).toAbsolutePath();
                case "--context" -> context = value(arguments, argument);
                case "--simulate-nodes" -> simulateNodes = true;
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("Unknown option " + argument + "\n" + USAGE);
            }
        }
        return new StackOptions(repo, workDir != null ? workDir : repo.resolve(".local-stack"), apiPort, vaultPort,
                servicePortBase, namespace, cluster, pipeline, demo, kubeconfig, context, simulateNodes);
    }

    private static String usage() {
        try (InputStream text = StackOptions.class.getResourceAsStream("usage.txt")) {
            return new String(text.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException("usage.txt missing from the local stack's jar", e);
        }
    }

    private static String value(Iterator<String> arguments, String option) {
        if (!arguments.hasNext()) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return arguments.next();
    }
}

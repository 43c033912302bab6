package io.statefulsuite.local.stack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;

/** Command-line options of the local stack. */
public record StackOptions(Path repo, Path workDir, int apiPort, int vaultPort, int servicePortBase, String namespace,
                           String cluster, boolean runPipeline, boolean demoFailover) {

    public static final String USAGE = """
            Usage: run.sh [--namespace NS] [--cluster NAME] [--api-port 6443] [--vault-port 8443]
                          [--service-port-base 8080] [--workdir DIR] [--no-pipeline] [--demo-failover]
              --service-port-base  provisioner on this port, secrets-sync on +1, health on +2
              --no-pipeline    bring the stack up without provisioning a cluster
              --demo-failover  after the cluster is Ready, kill a primary and show detection and recovery""";

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
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("Unknown option " + argument + "\n" + USAGE);
            }
        }
        return new StackOptions(repo, workDir != null ? workDir : repo.resolve(".local-stack"), apiPort, vaultPort,
                servicePortBase, namespace, cluster, pipeline, demo);
    }

    private static String value(Iterator<String> arguments, String option) {
        if (!arguments.hasNext()) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return arguments.next();
    }
}

package io.statefulsuite.local.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;

/** Command-line options of the local stack. */
public record StackOptions(Path repo, Path workDir, int apiPort, int vaultPort, int servicePortBase, String namespace,
                           String cluster, boolean runPipeline, boolean demoFailover) {

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

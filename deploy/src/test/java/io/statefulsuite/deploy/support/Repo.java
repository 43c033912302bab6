package io.statefulsuite.deploy.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The files the tests read: deploy/ itself and the services' sources next to it (never anything outside the repo). */
public final class Repo {

    public static final List<String> SERVICES = List.of("provisioner-service", "secrets-sync-service", "valkey-health-service");

    private Repo() {
    }

    /** deploy/: surefire runs the tests with the module directory as working directory. */
    public static Path deploy() {
        Path here = Path.of("").toAbsolutePath();
        if (!Files.isDirectory(here.resolve("kubernetes"))) {
            throw new IllegalStateException("Run the tests from deploy/ (./mvnw -f deploy/pom.xml verify); working directory is " + here);
        }
        return here;
    }

    public static Path deploy(String relative) {
        return deploy().resolve(relative);
    }

    public static Path service(String service) {
        Path dir = deploy().getParent().resolve(service);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Service module missing next to deploy/: " + dir);
        }
        return dir;
    }

    public static Properties applicationProperties(String service) {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(service(service).resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Every main Java source file of a service. */
    public static List<Path> javaSources(String service) {
        return files(service(service).resolve("src/main/java"), ".java");
    }

    /** A service's main sources and those of the shared modules it builds on (service-kit reads POD_NAMESPACE). */
    public static List<Path> javaSourcesWithSharedModules(String service) {
        List<Path> sources = new ArrayList<>(javaSources(service));
        for (String shared : List.of("service-kit", "kubernetes-auth")) {
            if (read(service(service).resolve("pom.xml")).contains("<artifactId>" + shared + "</artifactId>")) {
                sources.addAll(javaSources(shared));
            }
        }
        return sources;
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String concatenated(List<Path> files) {
        return files.stream().map(Repo::read).collect(Collectors.joining("\n"));
    }

    /** Files under a directory whose names end with one of the suffixes, in a stable order. */
    public static List<Path> files(Path root, String... suffixes) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.statefulsuite.deploy;

import io.statefulsuite.deploy.support.Kustomize;
import io.statefulsuite.deploy.support.Manifest;
import io.statefulsuite.deploy.support.Repo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.statefulsuite.deploy.support.Kustomize.one;
import static org.assertj.core.api.Assertions.assertThat;

/** The images the manifests run are the ones the build and deploy/docker/Dockerfile.jvm produce, run as its user. */
class ContainerImageTest {

    private final String dockerfile = Repo.read(Repo.deploy("docker/Dockerfile.jvm"));

    @Test
    void imageNamesFollowTheBuild() {
        String version = projectVersion(Repo.read(Repo.deploy().getParent().resolve("pom.xml")));
        List<Manifest> base = Kustomize.build(Repo.deploy("kubernetes/base"));
        for (String service : Repo.SERVICES) {
            assertThat(Repo.read(Repo.service(service).resolve("pom.xml"))).contains("<artifactId>" + service + "</artifactId>");
            assertThat(one(base, "Deployment", service).at("/spec/template/spec/containers/0/image").asText())
                    .isEqualTo("stateful-suite/" + service + ":" + version);
            assertThat(dockerfile).contains("docker build -f deploy/docker/Dockerfile.jvm -t stateful-suite/$s:" + version + " $s");
        }
    }

    @Test
    void theDeploymentsRunAsTheImagesUserOnTheExposedPort() {
        Matcher user = Pattern.compile("(?m)^USER (\\d+)$").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(dockerfile).containsPattern("(?m)^EXPOSE 8080$").contains("JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");
        for (Manifest deployment : Kustomize.ofKind(Kustomize.build(Repo.deploy("kubernetes/base")), "Deployment")) {
            assertThat(deployment.at("/spec/template/spec/securityContext/runAsUser").asText()).isEqualTo(user.group(1));
            assertThat(deployment.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt()).isEqualTo(8080);
        }
    }

    /** The project version: the first <version> after the root pom's own artifactId. */
    private static String projectVersion(String pom) {
        Matcher version = Pattern.compile("<artifactId>stateful-suite</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(version.find()).as("root pom version").isTrue();
        return version.group(1);
    }
}

package io.statefulsuite.provisioner.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.statefulsuite.provisioner.testing.ApplyAwareKubernetesServer;
import io.statefulsuite.testkit.tls.HttpsContract;
import io.statefulsuite.testkit.tls.HttpsProfile;

/** The provisioner with HTTPS on: the API, probes and metrics over verified HTTPS only, certificates reloaded. */
@QuarkusTest
@TestProfile(HttpsProfile.class)
@WithTestResource(ApplyAwareKubernetesServer.class)
class HttpsTest extends HttpsContract {

    @Override
    protected String apiPath() {
        return "/api/v1/storage-classes";
    }
}

package io.statefulsuite.health.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.statefulsuite.testkit.tls.HttpsContract;
import io.statefulsuite.testkit.tls.HttpsProfile;

/** valkey-health with HTTPS on: the API, probes and metrics over verified HTTPS only, certificates reloaded. */
@QuarkusTest
@TestProfile(HttpsProfile.class)
@WithKubernetesTestServer(crud = true)
class HttpsTest extends HttpsContract {

    @Override
    protected String apiPath() {
        return "/api/v1/valkey-clusters/health";
    }
}

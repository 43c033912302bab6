package io.statefulsuite.kit.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.HashMap;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's CRUD mock serves any resource path, CRD or not; a real API server answers 404 for a custom resource
 * whose CRD is not installed. This dispatcher does the same, so tests can install a CRD after a service started.
 */
public final class CrdAwareDispatcher extends Dispatcher {

    /** The API groups a real server serves without any CRD. */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("apps", "batch", "policy", "autoscaling",
            "apiextensions.k8s.io", "apiregistration.k8s.io", "admissionregistration.k8s.io",
            "authentication.k8s.io", "authorization.k8s.io", "certificates.k8s.io", "coordination.k8s.io",
            "discovery.k8s.io", "events.k8s.io", "flowcontrol.apiserver.k8s.io", "networking.k8s.io", "node.k8s.io",
            "rbac.authorization.k8s.io", "resource.k8s.io", "scheduling.k8s.io", "storage.k8s.io");
    private static final Pattern RESOURCE_PATH =
            Pattern.compile("^/apis/([^/]+)/[^/]+/(?:namespaces/[^/]+/)?([^/?]+)");

    private final Dispatcher crud;

    public CrdAwareDispatcher(Dispatcher crud) {
        this.crud = crud;
    }

    /** A CRUD mock server (not yet listening) that knows only the custom resources whose CRD it stores. */
    public static KubernetesMockServer newServer() {
        return new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new CrdAwareDispatcher(new KubernetesCrudDispatcher()), false);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Matcher resource = RESOURCE_PATH.matcher(request.getPath());
        if (resource.find() && !BUILT_IN_GROUPS.contains(resource.group(1))
                && !crdStored(resource.group(2) + "." + resource.group(1))) {
            return new MockResponse().setResponseCode(404).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                    + "\"status\":\"Failure\",\"message\":\"the server could not find the requested resource\","
                    + "\"reason\":\"NotFound\",\"code\":404}");
        }
        return crud.dispatch(request);
    }

    private boolean crdStored(String name) {
        RecordedRequest get = new RecordedRequest("HTTP/1.1", HttpMethod.GET,
                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + name, new Headers.Builder().build(),
                new Buffer());
        return crud.dispatch(get).code() == 200;
    }
}

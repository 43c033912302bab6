package io.statefulsuite.local.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.SimpleRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Teaches fabric8's CRUD mock server server-side apply, which it otherwise answers with 415.
 *
 * <p>An apply patch ({@code application/apply-patch+yaml}) becomes a create when the object is missing and a JSON
 * merge (RFC 7386) of the applied object into the stored one when it exists. The CRUD store then keeps the real server's
 * resourceVersion rules: an apply that changes nothing leaves resourceVersion (and generation) untouched.
 *
 * <p>Differences from a real API server, on purpose kept out of scope: no managedFields, so fields a manager stops
 * applying are not removed and conflicts between managers are never reported; lists are replaced as a whole instead
 * of merged by their keys; nothing is validated or defaulted.
 *
 * <p>It also serves the pods' {@code binding} subresource (and the older {@code bindings} collection), through which
 * a scheduler assigns a pod to a node as it must on a real server, where {@code spec.nodeName} cannot be updated:
 * 404 for a missing pod, 409 for one already bound.
 *
 * <p>Expectations set with {@code server.expect()} for the exact method and path still win, so tests can inject
 * faults on apply calls too. {@link #requests()} counts every request, for benchmarks and "nothing written" checks.
 */
public class ServerSideApplyDispatcher extends Dispatcher {

    private static final String APPLY_PATCH = "application/apply-patch+yaml";
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Pattern BINDING =
            Pattern.compile("/api/v1/namespaces/([^/]+)/(?:pods/([^/]+)/binding|bindings)");

    private final Dispatcher crud;
    private final Map<ServerRequest, Queue<ServerResponse>> expectations;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger bindings = new AtomicInteger();
    private final Map<String, AtomicInteger> appliesByPath = new ConcurrentHashMap<>();

    public ServerSideApplyDispatcher(Dispatcher crud, Map<ServerRequest, Queue<ServerResponse>> expectations) {
        this.crud = crud;
        this.expectations = expectations;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.incrementAndGet();
        if (!"GET".equals(request.getMethod())) {
            writes.incrementAndGet();
        }
        if (hasExpectation(request)) {
            return crud.dispatch(request);
        }
        Matcher binding = BINDING.matcher(request.getPath().split("\\?", 2)[0]);
        if ("POST".equals(request.getMethod()) && binding.matches()) {
            return bind(binding.group(1), binding.group(2), readYaml(request.getUtf8Body()));
        }
        return isApply(request) ? apply(request) : crud.dispatch(request);
    }

    /** Pods bound to a node through the binding subresource so far. */
    public int bindings() {
        return bindings.get();
    }

    private MockResponse bind(String namespace, String podFromPath, JsonNode binding) {
        String podName = podFromPath != null ? podFromPath : binding.path("metadata").path("name").asText();
        String podPath = "/api/v1/namespaces/" + namespace + "/pods/" + podName;
        MockResponse existing = crud.dispatch(forward(HttpMethod.GET, podPath, null));
        if (existing.code() == 404) {
            return status(404, "NotFound", "pods \"" + podName + "\" not found");
        }
        ObjectNode pod = (ObjectNode) readYaml(existing.getBody().readUtf8());
        String boundTo = pod.path("spec").path("nodeName").asText("");
        if (!boundTo.isEmpty()) {
            return status(409, "Conflict", "Operation cannot be fulfilled on pods/binding \"" + podName
                    + "\": pod " + podName + " is already assigned to node \"" + boundTo + "\"");
        }
        ((ObjectNode) pod.path("spec")).put("nodeName", binding.path("target").path("name").asText());
        MockResponse stored = crud.dispatch(forward(HttpMethod.PUT, podPath, pod));
        if (stored.code() / 100 == 2) {
            bindings.incrementAndGet();
            return status(201, "", "");
        }
        return stored;
    }

    private static MockResponse status(int code, String reason, String message) {
        ObjectNode status = YAML.createObjectNode().put("kind", "Status").put("apiVersion", "v1")
                .put("status", code / 100 == 2 ? "Success" : "Failure").put("code", code);
        if (!reason.isEmpty()) {
            status.put("reason", reason).put("message", message);
        }
        return new MockResponse().setResponseCode(code).setBody(status.toString());
    }

    /** Requests of any kind seen so far. */
    public int requests() {
        return requests.get();
    }

    /** Requests other than GET seen so far: what a test asserting "nothing was written" looks at. */
    public int writes() {
        return writes.get();
    }

    /** Apply requests received for the object at {@code objectPath} (no query), e.g. to see a reconcile pass end. */
    public int applies(String objectPath) {
        AtomicInteger count = appliesByPath.get(objectPath);
        return count == null ? 0 : count.get();
    }

    private MockResponse apply(RecordedRequest request) {
        String objectPath = request.getPath().split("\\?", 2)[0];
        appliesByPath.computeIfAbsent(objectPath, path -> new AtomicInteger()).incrementAndGet();
        JsonNode applied = readYaml(request.getUtf8Body());
        MockResponse existing = crud.dispatch(forward(HttpMethod.GET, objectPath, null));
        if (existing.code() == 404) {
            String collection = objectPath.substring(0, objectPath.lastIndexOf('/'));
            return crud.dispatch(forward(HttpMethod.POST, collection, applied));
        }
        // Merged here (RFC 7386: objects recursively, lists replaced) and stored with a replace: the mock's own
        // merge appends to lists, which would change the object on every apply.
        JsonNode stored = readYaml(existing.getBody().readUtf8());
        JsonNode merged = mergeInto(stored.deepCopy(), applied);
        if (merged.equals(stored)) {
            // A real server writes nothing for a no-op apply; the mock's replace would still touch cluster-scoped
            // objects (it adds "namespace": null).
            return new MockResponse().setResponseCode(200).setBody(stored.toString());
        }
        return crud.dispatch(forward(HttpMethod.PUT, objectPath, merged));
    }

    static JsonNode mergeInto(JsonNode target, JsonNode patch) {
        if (!target.isObject() || !patch.isObject()) {
            return patch;
        }
        ObjectNode result = (ObjectNode) target;
        patch.fields().forEachRemaining(field -> {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), mergeInto(result.path(field.getKey()), field.getValue()));
            }
        });
        return result;
    }

    private boolean hasExpectation(RecordedRequest request) {
        Queue<ServerResponse> queue = expectations.get(new SimpleRequest(request.method(), request.getPath()));
        return queue != null && !queue.isEmpty();
    }

    private static boolean isApply(RecordedRequest request) {
        String contentType = request.getHeader("Content-Type");
        return "PATCH".equals(request.getMethod()) && contentType != null && contentType.startsWith(APPLY_PATCH);
    }

    private static RecordedRequest forward(HttpMethod method, String path, JsonNode body) {
        Headers.Builder headers = Headers.builder();
        Buffer buffer = new Buffer();
        if (body != null) {
            headers.add("Content-Type", "application/json");
            buffer.writeUtf8(body.toString());
        }
        return new RecordedRequest("HTTP/1.1", method, path, headers.build(), buffer);
    }

    /** Apply bodies are YAML by content type (fabric8 sends JSON, which is YAML too). */
    private static JsonNode readYaml(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

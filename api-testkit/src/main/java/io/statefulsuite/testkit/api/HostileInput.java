package io.statefulsuite.testkit.api;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed and boundary requests drawn from a seeded {@link Random}: bodies derived from a valid one by a single
 * hostile change, odd path names and content types. Reproduce a run with {@code -Dfuzz.seed=<printed seed>}.
 * Also racing writers for the concurrency tests and a silent peer for the timeout tests. (The same file serves each service's tests; a shared test module
 * would hold it once.)
 */
public final class HostileInput {

    /** Where a raw JSON fragment (a deep nest, an overflowing number) replaces a node of the valid body. */
    private static final String SPLICE = "@@fuzz-splice@@";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> UNICODE = List.of(
            "\u202Eevil\u202C", "zero\u200Bwidth", "\uFEFFbom", "emoji-\uD83D\uDE80\uD83D\uDD25", "e\u0301\u0301\u0301",
            "\u0000nul", "tab\tnew\nline", "\u05E9\u05DC\u05D5\u05DD", "\uFFFF\uFFFE", "\\u0000", "'; DROP TABLE x; --",
            "${jndi:ldap://x/a}", "{{.Values}}", "../../etc/passwd", "%2e%2e%2f", "\u0130stanbul", "ǅ", "");
    private static final List<String> NUMBERS = List.of(
            "-1", "0", "-0", "2147483648", "-2147483649", "9223372036854775808", "1e400", "-1e400", "1.5", "1e-400",
            "99999999999999999999999999999999", "0.0000001", "1E2", "-9223372036854775809");
    private static final List<String> GARBAGE = List.of(
            "", " ", "null", "[]", "{}", "\"text\"", "42", "true", "{", "}", "[{]", "{\"a\":}", "{'single':'quotes'}",
            "{\"a\":1,}", "{\"a\" 1}", "NaN", "{\"a\":NaN}", "{\"a\":Infinity}", "/* comment */ {}", "\uFEFF{}",
            "<xml/>", "a=1&b=2", "{\"a\":\"\\uD800\"}", "{\"a\":\"\\x41\"}", "{\"a\":01}", "{\"a\":.5}");
    private static final List<String> CONTENT_TYPES = List.of(
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/octet-stream", "application/merge-patch+json", "application/json; charset=ISO-8859-1",
            "application/json; charset=UTF-16", "application/yaml", "*/*", "application/problem+json");

    /**
     * Sends the bytes as they are, whatever the content type (RestAssured would encode forms itself), and waits
     * generously for the answer: a fuzz run asserts on what comes back, not on how fast on a loaded machine.
     */
    public static final RestAssuredConfig RAW_BODIES = RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                    .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                    .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.BINARY)
                    .encodeContentTypeAs("multipart/form-data", ContentType.BINARY))
            .httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 180_000));

    private final Random random;

    public HostileInput(long seed) {
        this.random = new Random(seed);
    }

    /** The seed of this run: {@code -Dfuzz.seed} when given, else a fresh one; printed so a failure can be replayed. */
    public static long seed(String test) {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.printf("%s: fuzz seed %d (replay with -Dfuzz.seed=%d)%n", test, seed, seed);
        return seed;
    }

    /** A request body: its bytes, its content type (null for none) and what was done to it. */
    public record Body(String mutation, byte[] bytes, String contentType) {

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    public Random random() {
        return random;
    }

    public boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    public <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** {@code valid} with one hostile change; once in a while the valid body itself, as a control. */
    public Body body(JsonNode valid) {
        return switch (random.nextInt(13)) {
            case 0 -> json("wrong type", replaceRandomNode(valid, wrongType()));
            case 1 -> json("huge string", replaceRandomNode(valid, new TextNode(huge())));
            case 2 -> json("unicode", replaceRandomNode(valid, new TextNode(pick(UNICODE))));
            case 3 -> raw("number", splice(valid, pick(NUMBERS)));
            case 4 -> raw("deep nesting", splice(valid, deepNesting()));
            case 5 -> raw("duplicate key", duplicateKey(valid));
            case 6 -> json("unknown field", unknownField(valid));
            case 7 -> json("missing field", removeRandomNode(valid));
            case 8 -> raw("truncated", truncated(valid));
            case 9 -> raw("garbage", pick(GARBAGE));
            case 10 -> new Body("invalid UTF-8", invalidUtf8(valid), "application/json");
            case 11 -> new Body("content type", write(valid).getBytes(StandardCharsets.UTF_8),
                    chance(10) ? null : pick(CONTENT_TYPES));
            default -> json("valid", valid);
        };
    }

    /** A path segment, already percent-encoded: mostly hostile, sometimes a plain valid name. */
    public String name(String valid) {
        return switch (random.nextInt(16)) {
            case 0 -> "..";
            case 1 -> pick(List.of("%2F", "a%2Fb", "a%2F..%2Fb", "%2e%2e", "%2E%2E%2F", "%5C", "a%5Cb"));
            case 2 -> valid.toUpperCase(java.util.Locale.ROOT);
            case 3 -> "a".repeat(pick(List.of(63, 64, 253, 254, 1000)));
            case 4 -> pick(List.of("-a", "a-", ".a", "a.", "a_b", "a..b", "a%20b", "%20", "%00", "a%00b"));
            case 5 -> URLEncoder.encode(pick(UNICODE), StandardCharsets.UTF_8).replace("+", "%20");
            case 6 -> pick(List.of("*", "~", "a;b", "a%3Bb", "a:b", "%3A", "%25", "%22", "'", "a%27b", "%7B%7D"));
            case 7 -> pick(List.of("0", "1a", "a1", "a.b.c", "x" + random.nextInt(1000)));
            default -> valid;
        };
    }

    public String contentType() {
        return chance(85) ? "application/json" : pick(CONTENT_TYPES);
    }

    private Body json(String mutation, JsonNode body) {
        return raw(mutation, write(body));
    }

    private Body raw(String mutation, String body) {
        return new Body(mutation, body.getBytes(StandardCharsets.UTF_8), contentType());
    }

    private JsonNode wrongType() {
        return switch (random.nextInt(7)) {
            case 0 -> NODES.textNode("not-a-" + random.nextInt(100));
            case 1 -> NODES.numberNode(random.nextInt());
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> NODES.nullNode();
            case 4 -> NODES.arrayNode().add(NODES.objectNode()).add(1);
            case 5 -> NODES.objectNode().put("value", 1);
            default -> NODES.numberNode(random.nextDouble() * 1e12);
        };
    }

    private String huge() {
        int length = pick(List.of(1_000, 10_000, 100_000));
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(chance(50) ? 'a' : (char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private String deepNesting() {
        int depth = pick(List.of(999, 1_001, 2_000, 10_000));
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return open.repeat(depth) + "1" + close.repeat(depth);
    }

    private JsonNode replaceRandomNode(JsonNode valid, JsonNode replacement) {
        JsonNode copy = valid.deepCopy();
        JsonPointer at = pick(pointers(copy));
        if (at.matches()) {
            return replacement;
        }
        ContainerNode<?> parent = (ContainerNode<?>) copy.at(at.head());
        if (parent instanceof ObjectNode object) {
            object.set(at.last().getMatchingProperty(), replacement);
        } else {
            ((ArrayNode) parent).set(at.last().getMatchingIndex(), replacement);
        }
        return copy;
    }

    private JsonNode removeRandomNode(JsonNode valid) {
        JsonNode copy = valid.deepCopy();
        List<JsonPointer> inner = pointers(copy).stream().filter(p -> !p.matches()).toList();
        if (inner.isEmpty()) {
            return copy;
        }
        JsonPointer at = pick(inner);
        JsonNode parent = copy.at(at.head());
        if (parent instanceof ObjectNode object) {
            object.remove(at.last().getMatchingProperty());
        } else {
            ((ArrayNode) parent).remove(at.last().getMatchingIndex());
        }
        return copy;
    }

    private String splice(JsonNode valid, String fragment) {
        return write(replaceRandomNode(valid, new TextNode(SPLICE))).replace("\"" + SPLICE + "\"", fragment);
    }

    private JsonNode unknownField(JsonNode valid) {
        JsonNode copy = valid.deepCopy();
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(copy, objects);
        if (objects.isEmpty()) {
            return copy;
        }
        pick(objects).put(pick(List.of("unknown", "Shards", "spec", "__proto__", "kind", "x" + random.nextInt(99))),
                pick(List.of("1", "")));
        return copy;
    }

    /** One object written with one of its keys twice, the second time with another value. */
    private String duplicateKey(JsonNode valid) {
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(valid, objects);
        objects.removeIf(ObjectNode::isEmpty);
        if (objects.isEmpty()) {
            return "{\"a\":1,\"a\":2}";
        }
        ObjectNode target = pick(objects);
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        String twice = pick(names);
        StringBuilder raw = new StringBuilder("{");
        for (Iterator<Map.Entry<String, JsonNode>> fields = target.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            raw.append(write(new TextNode(field.getKey()))).append(':').append(write(field.getValue())).append(',');
        }
        raw.append(write(new TextNode(twice))).append(':').append(write(wrongType())).append('}');
        String whole = write(valid);
        String written = write(target);
        return whole.contains(written) ? whole.replaceFirst(java.util.regex.Pattern.quote(written),
                java.util.regex.Matcher.quoteReplacement(raw.toString())) : raw.toString();
    }

    private String truncated(JsonNode valid) {
        String whole = write(valid);
        return whole.substring(0, random.nextInt(Math.max(1, whole.length() - 1)));
    }

    private byte[] invalidUtf8(JsonNode valid) {
        byte[] text = write(replaceRandomNode(valid, new TextNode(SPLICE))).getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        String marker = SPLICE;
        String asText = new String(text, StandardCharsets.ISO_8859_1);
        int at = asText.indexOf(marker);
        byte[] result = new byte[text.length - marker.length() + bad.length];
        System.arraycopy(text, 0, result, 0, at);
        System.arraycopy(bad, 0, result, at, bad.length);
        System.arraycopy(text, at + marker.length(), result, at + bad.length, text.length - at - marker.length());
        return result;
    }

    private static List<JsonPointer> pointers(JsonNode root) {
        List<JsonPointer> pointers = new ArrayList<>();
        collectPointers(root, JsonPointer.empty(), pointers);
        return pointers;
    }

    private static void collectPointers(JsonNode node, JsonPointer at, List<JsonPointer> into) {
        into.add(at);
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> collectPointers(node.get(name), at.appendProperty(name), into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectPointers(node.get(i), at.appendIndex(i), into);
            }
        }
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
        }
        node.elements().forEachRemaining(child -> collectObjects(child, into));
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends {@code requests} requests made by {@code next} and checks every answer; after each refused write,
     * {@code writes} (what the service may have written: a write counter, a vault's versions) must be unchanged.
     * Prints the seed, the time taken and the statuses seen; returns how often each status came.
     */
    public static Map<Integer, Integer> run(String test, int requests, BiFunction<HostileInput, Integer, Request> next,
                                     Supplier<String> writes) {
        HostileInput input = new HostileInput(seed(test));
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        String state = writes.get();
        for (int i = 0; i < requests; i++) {
            Request request = next.apply(input, i);
            Response response = request.send();
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String before = state;
            state = request.writes() ? writes.get() : state;
            String after = state;
            check(failures, () -> {
                assertProblemOrSuccess(response, request.toString());
                if (response.statusCode() >= 300) {
                    assertThat(after).as("what was written, after refused %s", request).isEqualTo(before);
                }
            });
        }
        System.out.printf("%s: %d requests in %d ms, statuses %s%n", test, requests,
                (System.nanoTime() - started) / 1_000_000, statuses);
        assertNoFailures(failures);
        return statuses;
    }

    /**
     * What every answer to a hostile request must be: no 5xx, and any refusal an RFC 9457 problem whose status matches
     * the response; 400 and 422 name the offending fields.
     */
    public static void assertProblemOrSuccess(Response response, String request) {
        int status = response.statusCode();
        assertThat(status).as("status of %s; body %s", request, abbreviated(response)).isLessThan(500);
        if (status < 400) {
            return;
        }
        assertThat(response.contentType()).as("content type of %s (%d)", request, status)
                .startsWith("application/problem+json");
        // Jackson, not RestAssured's JsonPath: a Groovy evaluation per field made a run take minutes
        JsonNode problem = parse(response.asString());
        assertThat(problem.path("status").asInt()).as("problem status of %s", request).isEqualTo(status);
        assertThat(problem.path("title").asText()).as("problem title of %s", request).isNotBlank();
        assertThat(problem.path("detail").asText()).as("problem detail of %s", request).isNotBlank();
        if (status == 400 || status == 422) {
            assertThat(problem.path("errors")).as("errors[] of %s: %s", request, abbreviated(response)).isNotEmpty();
            assertThat(problem.path("errors")).allSatisfy(error -> assertThat(error.path("field").asText())
                    .as("errors[].field of %s", request).isNotBlank());
        }
    }

    /** Runs one request's assertions, keeping its failure so that a run reports every kind of failure at once. */
    private static void check(List<String> failures, Runnable assertions) {
        try {
            assertions.run();
        } catch (AssertionError | RuntimeException e) {
            failures.add(e.toString());
        }
    }

    private static void assertNoFailures(List<String> failures) {
        assertThat(failures).as("%d of the requests were answered wrongly; the first ones:%n%s", failures.size(),
                String.join("\n----\n", failures.subList(0, Math.min(15, failures.size())))).isEmpty();
    }

    public static String abbreviated(Response response) {
        String body = response.asString();
        return body.length() > 600 ? body.substring(0, 600) + "…" : body;
    }

    /** Runs the writers at once, released together by one gate; their responses in writer order. */
    public static List<Response> concurrently(int writers, IntFunction<Response> writer) {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<Response>> running = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int index = i;
                running.add(pool.submit(() -> {
                    gate.await();
                    return writer.apply(index);
                }));
            }
            gate.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> response : running) {
                responses.add(response.get());
            }
            return responses;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("a writer failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A JSON object nested {@code depth} levels deep, e.g. {@code {"a":{"a":1}}} for 2. */
    public static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /**
     * Sends {@code body} over HTTP/1.1 without a Content-Length (chunked), as a streaming client would: the size
     * limit cannot be checked up front then. The status, or empty when the server closed the connection while the body
     * was still being sent (a refusal too, just one the client could not read).
     */
    public static Optional<Integer> sendChunked(String method, URI uri, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .timeout(Duration.ofSeconds(120)).build();
        try {
            return Optional.of(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException closedWhileSending) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A peer that accepts every connection and never writes a byte: a hung Valkey node or Key Vault. */
    public static final class SilentPeer implements AutoCloseable {

        private final ServerSocket server = new ServerSocket();
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        public SilentPeer() throws IOException {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread acceptor = new Thread(this::acceptForever, "silent-peer");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        public int port() {
            return server.getLocalPort();
        }

        public int connections() {
            return accepted.size();
        }

        private void acceptForever() {
            try {
                while (true) {
                    accepted.add(server.accept());
                }
            } catch (IOException closed) {
                // close() ends the loop
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    /** One request of a fuzz run; {@link #toString()} shows enough of it to reproduce it by hand. */
    public record Request(String method, String path, HostileInput.Body body, RequestSpecification spec) {

        public boolean writes() {
            return !method.equals("GET");
        }

        public Response send() {
            RequestSpecification request = spec.config(RAW_BODIES).urlEncodingEnabled(false);
            if (body != null) {
                request.body(body.bytes());
                if (body.contentType() != null) {
                    request.contentType(body.contentType());
                }
            }
            return request.request(method, path);
        }

        @Override
        public String toString() {
            String shown = body == null ? "" : " [" + body.mutation() + ", " + body.contentType() + "] "
                    + (body.bytes().length > 300 ? body.text().substring(0, 300) + "…" : body.text());
            return method + " " + (path.length() > 200 ? path.substring(0, 200) + "…" : path) + shown;
        }
    }
}

package io.statefulsuite.keyvault.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Key Vault secrets data plane (api-version 2025-07-01 shapes) over HTTP: routing, the bearer challenge,
 * fault injection, counting, and JSON bodies. Admin paths under {@code /_emulator/} are handled elsewhere.
 */
final class SecretsApi implements HttpHandler {

    static final int MAX_PAGE_SIZE = 25;
    private static final Pattern SECRET_NAME = Pattern.compile("[0-9a-zA-Z-]{1,127}");
    private static final Pattern SKIP_MARKER = Pattern.compile("\"NextMarker\":\"([0-9a-zA-Z-]+)\"");
    private static final String RECOVERY_LEVEL = "Recoverable+Purgeable";
    private static final int RECOVERABLE_DAYS = 90;

    private final SecretStore store;
    private final Faults faults;
    private final RequestCounters counters;
    private final EmulatorSettings settings;
    private final Supplier<String> baseUrl;
    private final ObjectMapper json = new ObjectMapper();

    SecretsApi(SecretStore store, Faults faults, RequestCounters counters, EmulatorSettings settings,
               Supplier<String> baseUrl) {
        this.store = store;
        this.faults = faults;
        this.counters = counters;
        this.settings = settings;
        this.baseUrl = baseUrl;
    }

    private record Request(String method, List<String> path, Map<String, String> query, String authorization,
                           byte[] body) {
        String param(String name) {
            return query.get(name);
        }
    }

    private record Response(int status, Object body, Map<String, String> headers) {
        static Response ok(Object body) {
            return new Response(200, body, Map.of());
        }
    }

    /** A client mistake answered with Key Vault's error body. */
    private static final class ApiError extends RuntimeException {
        final int status;
        final String code;

        ApiError(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = parse(exchange);
            Operation operation = operationOf(request);
            Response response = respond(request, operation);
            counters.record(operation, response.status());
            send(exchange, response);
            if (response.status() != 401) {
                faults.afterServed(operation, store);
            }
        }
    }

    private Response respond(Request request, Operation operation) {
        Optional<String> authProblem = authenticationProblem(request);
        if (authProblem.isPresent()) {
            return new Response(401, error("Unauthorized", authProblem.get()),
                    Map.of("WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline.com/"
                            + settings.tenantId() + "\", resource=\"https://vault.azure.net\""));
        }
        Optional<Faults.Fault> fault = faults.next(operation);
        if (fault.isPresent()) {
            sleep(fault.get().delay());
            if (fault.get().replacesResponse()) {
                return injected(fault.get());
            }
        }
        try {
            if (request.param("api-version") == null || request.param("api-version").isBlank()) {
                throw new ApiError(400, "BadParameter", "The 'api-version' query parameter is required.");
            }
            return route(request, operation);
        } catch (ApiError e) {
            return new Response(e.status, error(e.code, e.getMessage()), Map.of());
        }
    }

    private Optional<String> authenticationProblem(Request request) {
        String authorization = request.authorization();
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of("AKV10000: Request is missing a Bearer or PoP token.");
        }
        String token = authorization.substring(7).trim();
        if (settings.requiredToken() != null && !settings.requiredToken().equals(token)) {
            return Optional.of("AKV10032: Invalid issuer or token.");
        }
        return Optional.empty();
    }

    private Response injected(Faults.Fault fault) {
        if (fault.status() == 429) {
            return new Response(429, error("Throttled", "Request was not processed because too many requests were "
                    + "received. Reason: VaultRequestTypeLimitReached"),
                    Map.of("Retry-After", Integer.toString(fault.retryAfterSeconds())));
        }
        return new Response(fault.status(), error("InternalServerError", "Injected fault."), Map.of());
    }

    private static Operation operationOf(Request request) {
        List<String> path = request.path();
        if (path.isEmpty()) {
            return Operation.UNKNOWN;
        }
        String method = request.method();
        if (path.get(0).equals("deletedsecrets") && path.size() == 2) {
            return method.equals("DELETE") ? Operation.PURGE : Operation.DELETED;
        }
        if (!path.get(0).equals("secrets")) {
            return Operation.UNKNOWN;
        }
        if (path.size() == 1) {
            return method.equals("GET") ? Operation.LIST : Operation.UNKNOWN;
        }
        if (path.size() == 3 && path.get(2).equals("versions") && method.equals("GET")) {
            return Operation.VERSIONS;
        }
        return switch (method) {
            case "GET" -> Operation.GET;
            case "PUT" -> Operation.SET;
            case "PATCH" -> Operation.PATCH;
            case "DELETE" -> Operation.DELETE;
            default -> Operation.UNKNOWN;
        };
    }

    private Response route(Request request, Operation operation) {
        List<String> path = request.path();
        return switch (operation) {
            case LIST -> Response.ok(page(store.latestOfEach(), request, "/secrets", SecretVersion::name, false));
            case VERSIONS -> Response.ok(page(store.versions(validName(path.get(1))), request,
                    "/secrets/" + path.get(1) + "/versions", SecretVersion::version, true));
            case GET -> Response.ok(get(validName(path.get(1)), path.size() > 2 ? path.get(2) : ""));
            case SET -> Response.ok(set(validName(path.get(1)), request));
            case PATCH -> Response.ok(patch(validName(path.get(1)), path.size() > 2 ? path.get(2) : "", request));
            case DELETE -> Response.ok(deletedBundle(store.delete(validName(path.get(1)))
                    .orElseThrow(() -> notFound(path.get(1)))));
            case DELETED -> Response.ok(deletedBundle(store.deleted(path.get(1))
                    .orElseThrow(() -> new ApiError(404, "SecretNotFound", "Deleted Secret not found: " + path.get(1)))));
            case PURGE -> purge(path.get(1));
            case UNKNOWN -> throw new ApiError(404, "NotFound", "No such operation: " + request.method() + " /"
                    + String.join("/", path));
        };
    }

    private ObjectNode get(String name, String versionId) {
        SecretVersion version = (versionId.isEmpty() ? store.latest(name) : store.version(name, versionId))
                .orElseThrow(() -> notFound(versionId.isEmpty() ? name : name + "/" + versionId));
        if (!version.enabled()) {
            throw new ApiError(403, "Forbidden", "Operation get is not allowed on a disabled secret.");
        }
        ObjectNode bundle = bundle(version, true);
        bundle.put("value", version.value());
        return bundle;
    }

    private ObjectNode set(String name, Request request) {
        JsonNode body = body(request);
        JsonNode value = body.get("value");
        if (value == null || !value.isTextual()) {
            throw new ApiError(400, "BadParameter", "Property 'value' is required and must be a string.");
        }
        SecretVersion created = store.set(name, value.asText(), update(body))
                .orElseThrow(() -> new ApiError(409, "Conflict", "Secret " + name + " is currently in a deleted but "
                        + "recoverable state, and its name cannot be reused; in this state, the secret can only be "
                        + "recovered or purged."));
        ObjectNode bundle = bundle(created, true);
        bundle.put("value", created.value());
        return bundle;
    }

    private ObjectNode patch(String name, String versionId, Request request) {
        SecretVersion target = (versionId.isEmpty() ? store.latest(name) : store.version(name, versionId))
                .orElseThrow(() -> notFound(name + "/" + versionId));
        return bundle(store.update(name, target.version(), update(body(request))).orElseThrow(), true);
    }

    private Response purge(String name) {
        if (!store.purge(name)) {
            throw new ApiError(404, "SecretNotFound", "Deleted Secret not found: " + name);
        }
        return new Response(204, null, Map.of());
    }

    private SecretUpdate update(JsonNode body) {
        JsonNode attributes = body.path("attributes");
        Map<String, String> tags = null;
        if (body.hasNonNull("tags")) {
            if (!body.get("tags").isObject()) {
                throw new ApiError(400, "BadParameter", "Property 'tags' must be an object of strings.");
            }
            tags = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> tag : body.get("tags").properties()) {
                tags.put(tag.getKey(), tag.getValue().asText());
            }
        }
        return new SecretUpdate(body.hasNonNull("contentType") ? body.get("contentType").asText() : null, tags,
                attributes.hasNonNull("enabled") ? attributes.get("enabled").asBoolean() : null,
                epoch(attributes.get("nbf")), epoch(attributes.get("exp")));
    }

    /**
     * One page of {@code items} (ordered by {@code key}); the skip token names the last key served, so items
     * removed between two pages never make the client miss one that still exists.
     */
    private ObjectNode page(List<SecretVersion> items, Request request, String path,
                            Function<SecretVersion, String> key, boolean withVersion) {
        int size = pageSize(request.param("maxresults"));
        String after = decodeSkipToken(request.param("$skiptoken"));
        int start = 0;
        if (after != null) {
            while (start < items.size() && key.apply(items.get(start)).compareToIgnoreCase(after) <= 0) {
                start++;
            }
        }
        ObjectNode page = json.createObjectNode();
        var values = page.putArray("value");
        int end = Math.min(items.size(), start + size);
        for (SecretVersion item : items.subList(start, end)) {
            values.add(bundle(item, withVersion));
        }
        if (end < items.size()) {
            page.put("nextLink", baseUrl.get() + path + "?api-version=" + request.param("api-version")
                    + "&$skiptoken=" + encodeSkipToken(key.apply(items.get(end - 1))) + "&maxresults=" + size);
        } else {
            page.putNull("nextLink");
        }
        return page;
    }

    private static int pageSize(String maxResults) {
        if (maxResults == null) {
            return MAX_PAGE_SIZE;
        }
        try {
            int size = Integer.parseInt(maxResults);
            if (size >= 1 && size <= MAX_PAGE_SIZE) {
                return size;
            }
        } catch (NumberFormatException ignored) {
            // answered below like any other out-of-range value
        }
        throw new ApiError(400, "BadParameter", "maxresults must be an integer between 1 and " + MAX_PAGE_SIZE + ".");
    }

    private static String encodeSkipToken(String lastKey) {
        String marker = "{\"NextMarker\":\"" + lastKey + "\",\"TargetLocation\":0}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(marker.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeSkipToken(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String marker = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            Matcher matcher = SKIP_MARKER.matcher(marker);
            if (matcher.find()) {
                return matcher.group(1);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new ApiError(400, "BadParameter", "Invalid $skiptoken.");
    }

    private ObjectNode bundle(SecretVersion version, boolean withVersion) {
        ObjectNode node = json.createObjectNode();
        node.put("id", baseUrl.get() + "/secrets/" + version.name() + (withVersion ? "/" + version.version() : ""));
        if (version.contentType() != null) {
            node.put("contentType", version.contentType());
        }
        ObjectNode attributes = node.putObject("attributes");
        attributes.put("enabled", version.enabled());
        if (version.notBefore() != null) {
            attributes.put("nbf", version.notBefore().getEpochSecond());
        }
        if (version.expires() != null) {
            attributes.put("exp", version.expires().getEpochSecond());
        }
        attributes.put("created", version.created().getEpochSecond());
        attributes.put("updated", version.updated().getEpochSecond());
        attributes.put("recoveryLevel", RECOVERY_LEVEL);
        attributes.put("recoverableDays", RECOVERABLE_DAYS);
        if (!version.tags().isEmpty()) {
            ObjectNode tags = node.putObject("tags");
            version.tags().forEach(tags::put);
        }
        return node;
    }

    private ObjectNode deletedBundle(SecretStore.DeletedSecret deleted) {
        ObjectNode node = bundle(deleted.latest(), true);
        node.put("recoveryId", baseUrl.get() + "/deletedsecrets/" + deleted.latest().name());
        node.put("deletedDate", deleted.deletedDate().getEpochSecond());
        node.put("scheduledPurgeDate", deleted.deletedDate().plus(Duration.ofDays(RECOVERABLE_DAYS)).getEpochSecond());
        return node;
    }

    private static String validName(String name) {
        if (!SECRET_NAME.matcher(name).matches()) {
            throw new ApiError(400, "BadParameter", "The secret name must be 1-127 characters of 0-9, a-z, A-Z and -.");
        }
        return name;
    }

    private static ApiError notFound(String what) {
        return new ApiError(404, "SecretNotFound", "A secret with (name/id) " + what + " was not found in this key vault. "
                + "If you recently deleted this secret you may be able to recover it using the correct recovery command.");
    }

    private JsonNode body(Request request) {
        try {
            JsonNode node = request.body().length == 0 ? null : json.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw new ApiError(400, "BadParameter", "The request body must be a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw new ApiError(400, "BadParameter", "The request body is not valid JSON.");
        }
    }

    private static Instant epoch(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.ofEpochSecond(node.asLong());
    }

    private ObjectNode error(String code, String message) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return body;
    }

    private static Request parse(HttpExchange exchange) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                query.putIfAbsent(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        List<String> path = List.of(exchange.getRequestURI().getPath().replaceAll("^/+", "").split("/", -1));
        if (!path.isEmpty() && path.get(path.size() - 1).isEmpty()) {
            path = path.subList(0, path.size() - 1);
        }
        try (InputStream in = exchange.getRequestBody()) {
            return new Request(exchange.getRequestMethod(), path, query,
                    exchange.getRequestHeaders().getFirst("Authorization"), in.readAllBytes());
        }
    }

    private void send(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = toJson(response.body());
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private byte[] toJson(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

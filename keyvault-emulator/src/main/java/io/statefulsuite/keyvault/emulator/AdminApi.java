package io.statefulsuite.keyvault.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Test-only controls over HTTP for the local stack (no authentication: bind the emulator to loopback).
 * <ul>
 *   <li>{@code GET /_emulator/counters}, {@code DELETE /_emulator/counters}</li>
 *   <li>{@code POST /_emulator/faults} {@code {"status":429,"count":5,"rate":1.0,"retryAfterSeconds":1,
 *       "delayMillis":0,"operations":["get"]}}, {@code DELETE /_emulator/faults}</li>
 *   <li>{@code GET /_emulator/ca.pem}</li>
 * </ul>
 */
final class AdminApi implements HttpHandler {

    private final KeyVaultEmulator emulator;
    private final ObjectMapper json = new ObjectMapper();

    AdminApi(KeyVaultEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            switch (route) {
                case "GET /_emulator/counters" -> send(exchange, 200, json.writeValueAsBytes(emulator.counters().snapshot()));
                case "DELETE /_emulator/counters" -> {
                    emulator.counters().reset();
                    send(exchange, 204, null);
                }
                case "POST /_emulator/faults" -> {
                    addFault(json.readTree(exchange.getRequestBody()));
                    send(exchange, 204, null);
                }
                case "DELETE /_emulator/faults" -> {
                    emulator.faults().clear();
                    send(exchange, 204, null);
                }
                case "GET /_emulator/ca.pem" ->
                        send(exchange, 200, emulator.tls().caCertificatePem().getBytes(StandardCharsets.US_ASCII));
                default -> send(exchange, 404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"unknown admin path\"}}"
                        .getBytes(StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            send(exchange, 400, json.writeValueAsBytes(java.util.Map.of("error",
                    java.util.Map.of("code", "BadParameter", "message", String.valueOf(e.getMessage())))));
        }
    }

    private void addFault(JsonNode fault) {
        Set<Operation> operations = EnumSet.noneOf(Operation.class);
        fault.path("operations").forEach(op -> operations.add(Operation.fromLabel(op.asText())));
        int status = fault.path("status").asInt(0);
        emulator.faults().add(operations, fault.path("count").asInt(Integer.MAX_VALUE), fault.path("rate").asDouble(1.0),
                new Faults.Fault(status, fault.path("retryAfterSeconds").asInt(status == 429 ? 1 : 0),
                        Duration.ofMillis(fault.path("delayMillis").asLong(0))));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}

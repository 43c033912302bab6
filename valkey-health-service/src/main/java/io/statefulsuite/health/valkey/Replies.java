package io.statefulsuite.health.valkey;

import io.vertx.mutiny.redis.client.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns client responses into plain Java values, so the domain parsers stay free of the client. */
final class Replies {

    private Replies() {
    }

    static Object plain(Response response) {
        if (response == null) {
            return null;
        }
        return switch (response.type()) {
            case MULTI -> {
                List<Object> items = new ArrayList<>(response.size());
                for (int i = 0; i < response.size(); i++) {
                    items.add(plain(response.get(i)));
                }
                yield items;
            }
            case NUMBER -> response.getDelegate().toLong();
            default -> response.toString();
        };
    }

    /** {@code CONFIG GET a b} answers {@code [a, va, b, vb]} in RESP2. */
    static Map<String, String> pairs(Response response) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < response.size(); i += 2) {
            values.put(response.get(i).toString(), response.get(i + 1).toString());
        }
        return values;
    }
}

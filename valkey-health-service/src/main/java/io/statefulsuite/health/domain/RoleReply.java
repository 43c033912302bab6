package io.statefulsuite.health.domain;

import java.util.List;

/**
 * {@code ROLE}: the cheapest authoritative answer to "what is this node right now". For a primary:
 * {@code [master, offset, [[ip, port, offset]...]]}; for a replica: {@code [slave, host, port, state, offset]}.
 */
public record RoleReply(String role, long offset, String primaryHost, int primaryPort, String linkState) {

    public static RoleReply parse(List<?> reply) {
        String role = String.valueOf(reply.get(0));
        if ("slave".equals(role) && reply.size() >= 5) {
            return new RoleReply(role, asLong(reply.get(4)), String.valueOf(reply.get(1)), (int) asLong(reply.get(2)),
                    String.valueOf(reply.get(3)));
        }
        return new RoleReply(role, reply.size() > 1 ? asLong(reply.get(1)) : -1, null, 0, null);
    }

    public boolean isPrimary() {
        return "master".equals(role);
    }

    private static long asLong(Object value) {
        return value instanceof Number number ? number.longValue() : Long.parseLong(String.valueOf(value));
    }
}

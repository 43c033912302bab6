package io.statefulsuite.kit.problem;

/**
 * How a service names a field of a request body in {@code errors[].field}, where that is not the JSON path in the
 * body itself (the provisioner names the fields of a cluster body as in the ValkeyCluster resource: {@code spec.…}).
 * A service that needs it produces one bean; without one the path in the body is the name.
 */
@FunctionalInterface
public interface BodyFieldNames {

    /** @param instance the request's raw path; @param field the JSON path in the body, never {@code body} */
    String name(String instance, String field);
}

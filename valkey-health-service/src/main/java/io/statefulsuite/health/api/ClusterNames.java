package io.statefulsuite.health.api;

import io.statefulsuite.kit.problem.FieldError;
import io.statefulsuite.kit.problem.ProblemException;
import io.statefulsuite.health.domain.ClusterRef;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Path names checked before they reach the API server, so a typo is a 400 naming the field, not a 500. */
final class ClusterNames {

    private static final Pattern DNS_1123_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
    private static final Pattern DNS_1123_SUBDOMAIN = Pattern.compile(
            "^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    private ClusterNames() {
    }

    static ClusterRef ref(String namespace, String name) {
        List<FieldError> errors = new ArrayList<>();
        if (namespace == null || !DNS_1123_LABEL.matcher(namespace).matches()) {
            errors.add(new FieldError("namespace", "dns-1123-label",
                    "lower-case letters, digits and '-', starting and ending alphanumeric, at most 63 characters"));
        }
        if (name == null || !DNS_1123_SUBDOMAIN.matcher(name).matches()) {
            errors.add(new FieldError("name", "dns-1123-subdomain",
                    "lower-case letters, digits, '-' and '.', starting and ending alphanumeric, at most 253 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The cluster namespace or name is not a valid Kubernetes name",
                    errors);
        }
        return new ClusterRef(namespace, name);
    }
}

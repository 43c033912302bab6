package io.statefulsuite.health.domain;

import java.util.ArrayList;
import java.util.List;

/** Could each node be reached, authenticated and read in time? */
final class ReachabilityRules {

    private ReachabilityRules() {
    }

    static List<Finding> evaluate(CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        if (context.observations().isEmpty()) {
            findings.add(Finding.of(Check.DISCOVERY_NO_NODES).observed("0 nodes")
                    .expected(context.expected().expectedNodes())
                    .message("No Valkey nodes were found to check",
                            "Check that the cluster's pods exist and carry the labels app.kubernetes.io/name=valkey "
                                    + "and app.kubernetes.io/instance=<cluster>, and that they have an IP"));
        }
        for (NodeObservation observation : context.observations()) {
            finding(observation).ifPresent(findings::add);
        }
        return findings;
    }

    private static java.util.Optional<Finding> finding(NodeObservation o) {
        String node = o.name();
        String address = o.target().address();
        return java.util.Optional.ofNullable(switch (o.reachability()) {
            case OK -> null;
            case UNREACHABLE -> Finding.of(Check.NODE_UNREACHABLE).node(node).observed(o.error()).expected("PONG")
                    .message(node + " (" + address + ") cannot be reached: " + o.error(),
                            "Check that " + node + " is running and ready, that port " + o.target().port()
                                    + " is open to this service (NetworkPolicy) and that the address is current");
            case AUTH_FAILED -> Finding.of(Check.NODE_AUTH).node(node).observed(o.error()).expected("AUTH accepted")
                    .message(node + " (" + address + ") refused the password: " + o.error(),
                            "Make the Secret's password and the node's requirepass/masterauth agree (rotate both "
                                    + "together), then restart or CONFIG SET the node");
            case TLS_FAILED -> Finding.of(Check.NODE_TLS).node(node).observed(o.error())
                    .expected("a certificate chaining to the trusted CA")
                    .message(node + " (" + address + ") failed the TLS handshake: " + o.error(),
                            "Give the node a certificate signed by the trusted CA (the ca.crt named above), or put the "
                                    + "CA that signed its certificate into that ca.crt; restart a node that still serves "
                                    + "an old certificate. A node without TLS was not rolled out with spec.tls");
            case TIMEOUT -> Finding.of(Check.NODE_TIMEOUT).node(node).observed(o.error()).expected("an answer")
                    .message(node + " (" + address + ") did not answer in time: " + o.error(),
                            "The node accepts connections but does not answer: look for a blocked server (long "
                                    + "command in SLOWLOG, CPU throttling, swapping, a stuck fork) or packet loss");
            case ERROR -> Finding.of(Check.NODE_ERROR).node(node).observed(o.error())
                    .message(node + " (" + address + ") answered with an error: " + o.error(),
                            "Check that the ACL user may run INFO, ROLE, CONFIG GET and CLUSTER INFO/NODES");
        });
    }
}

package io.statefulsuite.deploy.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Kubernetes NetworkPolicy semantics for TCP/UDP flows between pods (and to outside addresses): a pod selected by
 * a policy of a direction is isolated in it, and a flow passes only if the source may send it (egress) and the
 * destination may receive it (ingress).
 */
public final class NetworkPolicies {

    /** A pod as policies see it: its namespace (with the namespace's labels) and its own labels. */
    public record Pod(String namespace, Map<String, String> namespaceLabels, Map<String, String> labels) {
    }

    /** A flow to a pod, or to an address outside the cluster when {@code to} is null. */
    public record Flow(Pod from, Pod to, String externalIp, String protocol, int port) {
    }

    private final List<Manifest> policies;

    public NetworkPolicies(List<Manifest> objects) {
        this.policies = Kustomize.ofKind(objects, "NetworkPolicy");
    }

    public boolean allows(Flow flow) {
        return egressAllowed(flow) && (flow.to() == null || ingressAllowed(flow));
    }

    private boolean egressAllowed(Flow flow) {
        List<Manifest> selecting = selecting(flow.from(), "Egress");
        return selecting.isEmpty() || selecting.stream().anyMatch(p -> rulesAdmit(p, "egress", "to", flow.to(), flow));
    }

    private boolean ingressAllowed(Flow flow) {
        List<Manifest> selecting = selecting(flow.to(), "Ingress");
        return selecting.isEmpty() || selecting.stream().anyMatch(p -> rulesAdmit(p, "ingress", "from", flow.from(), flow));
    }

    /** The policies of the pod's namespace that select it for a direction. */
    public List<Manifest> selecting(Pod pod, String policyType) {
        return policies.stream()
                .filter(p -> p.namespace().equals(pod.namespace()))
                .filter(p -> types(p).contains(policyType))
                .filter(p -> Selectors.matches(p.at("/spec/podSelector"), pod.labels()))
                .toList();
    }

    private static Set<String> types(Manifest policy) {
        JsonNode types = policy.at("/spec/policyTypes");
        if (types.isMissingNode()) {
            return policy.at("/spec/egress").isMissingNode() ? Set.of("Ingress") : Set.of("Ingress", "Egress");
        }
        return Set.copyOf(StreamSupport.stream(types.spliterator(), false).map(JsonNode::asText).toList());
    }

    private static boolean rulesAdmit(Manifest policy, String direction, String peersField, Pod peer, Flow flow) {
        for (JsonNode rule : policy.at("/spec/" + direction)) {
            if (portsAdmit(rule.path("ports"), flow) && peersAdmit(rule.path(peersField), policy.namespace(), peer, flow)) {
                return true;
            }
        }
        return false;
    }

    private static boolean portsAdmit(JsonNode ports, Flow flow) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode port : ports) {
            boolean protocol = port.path("protocol").asText("TCP").equals(flow.protocol());
            boolean number = !port.has("port") || port.get("port").asInt() == flow.port();
            if (protocol && number) {
                return true;
            }
        }
        return false;
    }

    private static boolean peersAdmit(JsonNode peers, String policyNamespace, Pod peer, Flow flow) {
        if (peers.isMissingNode() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode entry : peers) {
            if (entry.has("ipBlock")) {
                if (peer == null && Cidr.contains(entry.at("/ipBlock/cidr").asText(), flow.externalIp())) {
                    return true;
                }
            } else if (peer != null && peerMatches(entry, policyNamespace, peer)) {
                return true;
            }
        }
        return false;
    }

    private static boolean peerMatches(JsonNode entry, String policyNamespace, Pod peer) {
        boolean namespaceOk = entry.has("namespaceSelector")
                ? Selectors.matches(entry.get("namespaceSelector"), peer.namespaceLabels())
                : peer.namespace().equals(policyNamespace);
        boolean podOk = !entry.has("podSelector") || Selectors.matches(entry.get("podSelector"), peer.labels());
        return namespaceOk && podOk;
    }

    /** IPv4 CIDR containment. */
    static final class Cidr {
        private Cidr() {
        }

        static boolean contains(String cidr, String ip) {
            String[] parts = cidr.split("/");
            int bits = Integer.parseInt(parts[1]);
            long mask = bits == 0 ? 0 : 0xFFFFFFFFL << (32 - bits) & 0xFFFFFFFFL;
            return (toLong(parts[0]) & mask) == (toLong(ip) & mask);
        }

        private static long toLong(String ip) {
            long value = 0;
            for (String octet : ip.split("\\.")) {
                value = value << 8 | Integer.parseInt(octet);
            }
            return value;
        }
    }
}

package io.statefulsuite.health.domain;

import java.util.List;
import java.util.Objects;

/** The active probe: did a write on each primary reach each replica, and how fast? */
final class ProbeRules {

    private ProbeRules() {
    }

    static List<Finding> evaluate(CheckContext context) {
        long limit = context.thresholds().probeDelayMillisWarning();
        return context.probes().stream().map(p -> finding(p, limit)).filter(Objects::nonNull).toList();
    }

    private static Finding finding(ProbeResult probe, long limit) {
        if (probe.error() != null) {
            return Finding.of(Check.PROBE_FAILED).node(probe.primary()).shard(probe.shard()).observed(probe.error())
                    .message("The replication probe of shard " + probe.shard() + " failed: " + probe.error(),
                            "Check that the ACL user may SET/GET keys with the prefix __valkey_health__");
        }
        if (probe.delayMillis() == null) {
            return Finding.of(Check.PROBE_CANARY_MISSING).node(probe.replica()).shard(probe.shard())
                    .observed("canary not seen").expected("canary replicated")
                    .message("A canary written on " + probe.primary() + " never reached replica " + probe.replica(),
                            "Replication from " + probe.primary() + " to " + probe.replica() + " is stalled: check "
                                    + "the link status and the replica's log");
        }
        if (probe.delayMillis() > limit) {
            return Finding.of(Check.PROBE_DELAY).node(probe.replica()).shard(probe.shard())
                    .observed(probe.delayMillis() + " ms").expected("<= " + limit + " ms")
                    .message("A write on " + probe.primary() + " took " + probe.delayMillis() + " ms to reach "
                            + probe.replica(), "Check the replica's load and the network between the zones");
        }
        return null;
    }
}

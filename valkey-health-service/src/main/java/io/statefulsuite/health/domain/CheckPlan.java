package io.statefulsuite.health.domain;

import java.time.Duration;
import java.util.List;

/**
 * What to check and how: the nodes, what they should look like, the per-node timeout, whether to run the active
 * probes, and findings the discovery already made (e.g. a pod without an IP). The password travels separately so
 * that this record can be logged.
 */
public record CheckPlan(List<NodeTarget> targets, ExpectedTopology expected, Duration timeout,
                        boolean replicationProbe, boolean persistenceProbe, List<Finding> discoveryFindings) {

    public static CheckPlan of(List<NodeTarget> targets, ExpectedTopology expected, Duration timeout) {
        return new CheckPlan(targets, expected, timeout, false, false, List.of());
    }

    public CheckPlan withProbes(boolean replication, boolean persistence) {
        return new CheckPlan(targets, expected, timeout, replication, persistence, discoveryFindings);
    }
}

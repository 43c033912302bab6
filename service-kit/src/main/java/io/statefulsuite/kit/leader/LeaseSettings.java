package io.statefulsuite.kit.leader;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * A service's leader election, under the suite's shared prefix like {@code stateful-suite.auth}; each service
 * names its own Lease in its application.properties.
 */
@ConfigMapping(prefix = LeaseSettings.PREFIX)
public interface LeaseSettings {

    String PREFIX = "stateful-suite.leader-election";

    /** Without it this replica leads alone: only for a single replica or tests. */
    @WithDefault("true")
    boolean enabled();

    /** The coordination.k8s.io Lease. */
    String leaseName();

    /** Namespace of the Lease; when unset, see {@link LeaseNamespace}. */
    Optional<String> namespace();

    /** Holder identity written into the Lease; defaults to the pod name (HOSTNAME). */
    Optional<String> identity();

    @WithDefault("15s")
    Duration leaseDuration();

    @WithDefault("10s")
    Duration renewDeadline();

    @WithDefault("2s")
    Duration retryPeriod();
}

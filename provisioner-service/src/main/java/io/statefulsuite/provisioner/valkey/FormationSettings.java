package io.statefulsuite.provisioner.valkey;

import java.time.Duration;

/**
 * Time bounds of a formation pass.
 *
 * @param commandTimeout  connect plus reply time allowed for one command to one pod
 * @param settleTimeout   how long one pass keeps acting and polling until the cluster is formed; what is not done
 *                        by then is left to the next pass (keep it below the reconciler's pass timeout)
 * @param pollInterval    pause between two observations while gossip spreads
 * @param failoverTimeout how long a CLUSTER FAILOVER may take to switch roles
 */
public record FormationSettings(Duration commandTimeout, Duration settleTimeout, Duration pollInterval,
                                Duration failoverTimeout) {

    public static final FormationSettings DEFAULTS = new FormationSettings(Duration.ofSeconds(5),
            Duration.ofSeconds(45), Duration.ofMillis(250), Duration.ofSeconds(20));
}

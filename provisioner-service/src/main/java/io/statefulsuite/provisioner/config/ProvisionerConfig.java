package io.statefulsuite.provisioner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Everything the provisioner can be tuned with; all keys live under {@code provisioner.}. */
@ConfigMapping(prefix = "provisioner")
public interface ProvisionerConfig {

    /** Server-side-apply field manager: one per service so ownership of fields stays readable in managedFields. */
    @WithDefault("valkey-provisioner")
    String fieldManager();

    Reconcile reconcile();

    ApiRetry apiRetry();

    Formation formation();

    SecretsSync secretsSync();

    Health health();

    /** How the provisioner reaches a sibling service over REST. */
    interface Peer {
        /** Base URL; in-cluster the Service in the suite's namespace. */
        URI url();

        @WithDefault("2s")
        Duration connectTimeout();

        /** Bounds one call; a peer that accepts and never answers costs at most this (times the retries). */
        @WithDefault("10s")
        Duration readTimeout();
    }

    /** secrets-sync-service: keeps cluster passwords in Key Vault and mirrors them into the auth Secrets. */
    interface SecretsSync extends Peer {
        @Override
        @WithDefault("http://secrets-sync-service:8080")
        URI url();

        /** Vault for clusters that name neither a vault nor their own auth Secret; none: such clusters bring a Secret. */
        Optional<String> defaultVaultUrl();

        /** How often secrets-sync re-reads a cluster's password from the vault (rotation reaches the pods this fast). */
        @WithDefault("1m")
        String refreshInterval();

        /** Length of a generated password. */
        @WithDefault("32")
        int passwordLength();
    }

    /** valkey-health-service: Ready requires its HEALTHY verdict. */
    interface Health extends Peer {
        /** Off: Ready is decided from what the provisioner sees alone (for running without the health service). */
        @WithDefault("true")
        boolean enabled();

        @Override
        @WithDefault("http://valkey-health-service:8080")
        URI url();
    }

    interface Reconcile {
        /** Off for replicas that should only serve REST (and for tests of the REST layer alone). */
        @WithDefault("true")
        boolean enabled();

        /** Every cluster is reconciled at least this often, so drift and pod changes are noticed without events. */
        @WithDefault("30s")
        Duration resyncInterval();

        /** Delay before a failed reconcile of one cluster is retried; doubles up to {@link #maxRetryDelay()}. */
        @WithDefault("1s")
        Duration retryDelay();

        @WithDefault("60s")
        Duration maxRetryDelay();
    }

    /** Backoff for API-server conflicts (409) and server errors (5xx, timeouts) inside one operation. */
    interface ApiRetry {
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("100ms")
        Duration initialBackoff();

        @WithDefault("3s")
        Duration maxBackoff();
    }

    /**
     * Cluster formation. {@code timeout} bounds one pass as the reconciler sees it; the other keys are read by
     * {@code valkey.ClusterFormation} itself and are declared here because every key under {@code provisioner.}
     * must belong to this mapping (an unknown one fails startup, which catches typos).
     */
    interface Formation {
        /** One convergence pass may take at most this long; keep it above {@link #settleTimeout()}. */
        @WithDefault("60s")
        Duration timeout();

        /** Timeout of one Valkey command. */
        @WithDefault("5s")
        Duration commandTimeout();

        /** How long one pass waits for gossip to settle before handing back to the reconciler. */
        @WithDefault("45s")
        Duration settleTimeout();

        @WithDefault("250ms")
        Duration pollInterval();

        /** How long a fail-back (CLUSTER FAILOVER) may take. */
        @WithDefault("20s")
        Duration failoverTimeout();
    }
}

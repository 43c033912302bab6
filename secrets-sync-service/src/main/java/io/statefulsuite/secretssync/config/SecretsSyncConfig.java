package io.statefulsuite.secretssync.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting of the service, under {@code secrets-sync.*}. */
@ConfigMapping(prefix = "secrets-sync")
public interface SecretsSyncConfig {

    Refresh refresh();

    KeyVault keyvault();

    Tenancy tenancy();


    interface Refresh {
        /** How often due syncs are looked for; each tick lists each involved vault once. */
        @WithDefault("5s")
        Duration tick();

        /** ± fraction of a sync's interval added at random to each refresh. */
        @WithDefault("0.1")
        double jitter();

        /** First refreshes after a start are spread over this window. */
        @WithDefault("5m")
        Duration startupSpread();

        /** Routine refreshes run at the same time (at most one sync per SecretSync is ever in flight). */
        @WithDefault("4")
        int parallelism();

        /**
         * Workers of the on-demand lane (sync-now, new, changed and deleted SecretSyncs), separate from the
         * routine ones so that on-demand work never waits behind a slow routine refresh.
         */
        @WithDefault("2")
        int onDemandParallelism();

        /** Syncs each lane may hold waiting; beyond that a sync is skipped and counted (retried later). */
        @WithDefault("1000")
        int queueCapacity();

        /** How long {@code POST …:sync} waits for the outcome. */
        @WithDefault("30s")
        Duration syncNowTimeout();

        /** Whether the service runs syncs itself (off: REST only, e.g. for a read-only replica). */
        @WithDefault("true")
        boolean enabled();
    }

    interface KeyVault {
        /** Per-request timeout (each try). */
        @WithDefault("10s")
        Duration timeout();

        @WithDefault("4")
        int maxRetries();

        @WithDefault("500ms")
        Duration retryBaseDelay();

        @WithDefault("30s")
        Duration retryMaxDelay();

        /** Requests per second per vault; Key Vault allows 4,000 per 10 s per vault. */
        @WithDefault("200")
        int requestsPerSecond();

        /** PEM file of extra CAs to trust (an emulator's); the JVM's trust store when absent. */
        Optional<String> trustPem();

        /** A fixed bearer token instead of Azure identity — for the emulator and tests only. */
        Optional<SecretText> staticToken();

        /** Accept a bearer challenge whose resource is not the vault's domain (needed for an emulator). */
        @WithDefault("false")
        boolean disableChallengeResourceVerification();
    }

    interface Tenancy {
        /** Namespaces whose SecretSyncs are served; all when empty. */
        Optional<List<String>> allowedNamespaces();

        /** Per namespace, the vault URLs it may read; a namespace not listed may use any vault. */
        Map<String, List<String>> vaults();
    }
}

package io.statefulsuite.health.valkey;

import io.statefulsuite.health.config.HealthConfig;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** Wires the plain adapter classes (usable without CDI in tests and the benchmark) to Quarkus' Vert.x. */
public class ValkeyBeans {

    @Produces
    @ApplicationScoped
    ValkeyConnections connections(Vertx vertx, HealthConfig config) {
        HealthConfig.Pool pool = config.pool();
        return new ValkeyConnections(vertx, new ValkeyConnections.Settings(pool.sizePerNode(), pool.maxWaitingPerNode(),
                pool.maxNodes(), config.nodeTimeout()));
    }

    void close(@Disposes ValkeyConnections connections) {
        connections.close();
    }

    @Produces
    @ApplicationScoped
    ClusterChecker checker(ValkeyConnections connections, HealthConfig config) {
        return new ClusterChecker(connections, config.thresholds(), config.persistenceProbeTimeout());
    }
}

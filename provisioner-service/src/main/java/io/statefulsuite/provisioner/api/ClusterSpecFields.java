package io.statefulsuite.provisioner.api;

import io.statefulsuite.kit.problem.BodyFieldNames;
import jakarta.inject.Singleton;

/** Body fields of the cluster endpoints are named as in the ValkeyCluster resource ({@code spec.…}), like the 422s. */
@Singleton
public class ClusterSpecFields implements BodyFieldNames {

    @Override
    public String name(String instance, String field) {
        return instance != null && instance.contains("/valkey-clusters/") ? "spec." + field : field;
    }
}

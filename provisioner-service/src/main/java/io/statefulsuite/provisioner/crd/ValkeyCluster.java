package io.statefulsuite.provisioner.crd;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A zone-redundant Valkey cluster: the desired state (spec) and what the provisioner observed (status).
 * Only this class touches fabric8's client types; domain code works on {@link ValkeyClusterSpec} alone.
 */
@Group(ValkeyCluster.GROUP)
@Version(ValkeyCluster.VERSION)
@Plural("valkeyclusters")
@Singular("valkeycluster")
@ShortNames("vkc")
public class ValkeyCluster extends CustomResource<ValkeyClusterSpec, ValkeyClusterStatus> implements Namespaced {

    public static final String GROUP = "stateful.suite.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String KIND = "ValkeyCluster";
}

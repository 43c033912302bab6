package io.statefulsuite.provisioner.domain;

/**
 * Names of everything rendered for cluster {@code <c>}, as fixed in CONTRACTS.md. One place, so that the
 * renderers, the validator's length checks and the reconciler cannot disagree.
 */
public final class ClusterNames {

    public static final int CLIENT_PORT = 6379;
    public static final int GOSSIP_PORT = 16379;
    public static final String CLIENT_PORT_NAME = "client";
    public static final String GOSSIP_PORT_NAME = "gossip";
    public static final String DATA_VOLUME = "data";
    public static final String CONFIG_KEY = "valkey.conf";

    private ClusterNames() {
    }

    public static String configMap(String cluster) {
        return cluster + "-config";
    }

    /** Headless Service over all pods; also the PodDisruptionBudget's name. */
    public static String allPods(String cluster) {
        return cluster;
    }

    public static String statefulSet(String cluster, Component component) {
        return cluster + "-" + component.label();
    }

    public static String pod(String cluster, Component component, int ordinal) {
        return statefulSet(cluster, component) + "-" + ordinal;
    }

    public static String claim(String cluster, Component component, int ordinal) {
        return DATA_VOLUME + "-" + pod(cluster, component, ordinal);
    }
}

package io.statefulsuite.provisioner.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/** The app.kubernetes.io labels of CONTRACTS.md, and the selectors built from them. */
public final class ClusterLabels {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String APP_NAME = "valkey";
    public static final String SUITE = "stateful-suite";
    public static final String MANAGER = "valkey-provisioner";

    private ClusterLabels() {
    }

    /** All five labels, for an object (or pod template) of {@code component}. */
    public static Map<String, String> of(String cluster, Component component) {
        Map<String, String> labels = new LinkedHashMap<>(component == Component.CLUSTER
                ? allPodsSelector(cluster) : podSelector(cluster, component));
        labels.putIfAbsent(COMPONENT, component.label());
        labels.put(PART_OF, SUITE);
        labels.put(MANAGED_BY, MANAGER);
        return labels;
    }

    /** Selects every pod of the cluster. */
    public static Map<String, String> allPodsSelector(String cluster) {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(NAME, APP_NAME);
        selector.put(INSTANCE, cluster);
        return selector;
    }

    /** Selects the pods of one StatefulSet (primary or replica). */
    public static Map<String, String> podSelector(String cluster, Component component) {
        Map<String, String> selector = allPodsSelector(cluster);
        selector.put(COMPONENT, component.label());
        return selector;
    }
}

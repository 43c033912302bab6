package io.statefulsuite.health.domain;

/** A Valkey cluster known by namespace and name (the ValkeyCluster name = the pods' instance label). */
public record ClusterRef(String namespace, String name) implements Comparable<ClusterRef> {

    @Override
    public int compareTo(ClusterRef other) {
        int byNamespace = namespace.compareTo(other.namespace);
        return byNamespace != 0 ? byNamespace : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}

package io.statefulsuite.provisioner.domain;

/** The part of a Valkey cluster an object belongs to; its label is the app.kubernetes.io/component value. */
public enum Component {
    PRIMARY("primary"),
    REPLICA("replica"),
    /** Objects shared by all pods: ConfigMap, the all-pods Service, the PDB, the StorageClass. */
    CLUSTER("cluster");

    private final String label;

    Component(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

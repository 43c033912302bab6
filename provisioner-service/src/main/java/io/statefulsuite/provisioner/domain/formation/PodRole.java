package io.statefulsuite.provisioner.domain.formation;

/** The role a pod is meant to have, from the StatefulSet it belongs to. */
public enum PodRole {
    PRIMARY,
    REPLICA
}

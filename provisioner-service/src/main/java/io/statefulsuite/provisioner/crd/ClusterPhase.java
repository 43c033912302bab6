package io.statefulsuite.provisioner.crd;

/** Where a Valkey cluster is in its life, as the reconciler last saw it. */
public enum ClusterPhase {
    /** Accepted, nothing created yet. */
    Pending,
    /** Kubernetes objects are being created or changed. */
    Provisioning,
    /** Pods are up; the Valkey cluster is being formed (slots, replicas). */
    Bootstrapping,
    /** Every shard has its primary and replicas, all slots are served. */
    Ready,
    /** Serving, but something is missing or misplaced (a pod down, a replica in the primary's zone, ...). */
    Degraded,
    /** Cannot converge without a change of spec or of the environment. */
    Failed,
    /** Being deleted. */
    Deleting
}

package io.statefulsuite.provisioner.api;

import java.util.List;

/** A page-less list: a namespace holds a handful of clusters, not thousands. */
public record ValkeyClusterList(List<ValkeyClusterView> items) {
}

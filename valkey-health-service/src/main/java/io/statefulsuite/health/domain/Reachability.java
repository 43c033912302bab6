package io.statefulsuite.health.domain;

/** How talking to a node went; anything but OK means the node's data could not be read. */
public enum Reachability {
    OK, UNREACHABLE, AUTH_FAILED, TLS_FAILED, TIMEOUT, ERROR
}

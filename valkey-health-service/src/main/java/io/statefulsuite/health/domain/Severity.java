package io.statefulsuite.health.domain;

/** How bad a finding is: CRITICAL means data is not served or not persisted, WARNING means redundancy is reduced. */
public enum Severity {
    INFO, WARNING, CRITICAL
}

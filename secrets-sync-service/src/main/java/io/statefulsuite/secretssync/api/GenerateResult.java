package io.statefulsuite.secretssync.api;

/** Whether a value was generated (created) or an existing one kept; never the value. */
public record GenerateResult(String vault, String name, boolean created, String version) {
}

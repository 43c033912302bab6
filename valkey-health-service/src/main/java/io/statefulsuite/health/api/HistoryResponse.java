package io.statefulsuite.health.api;

import io.statefulsuite.health.domain.Transition;

import java.util.List;

/** A cluster's recent transitions, oldest first (bounded by valkey-health.history-size). */
public record HistoryResponse(String namespace, String cluster, List<Transition> transitions) {
}

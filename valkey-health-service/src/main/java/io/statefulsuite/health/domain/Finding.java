package io.statefulsuite.health.domain;

/**
 * One thing found wrong (or worth knowing). {@code node} is the pod name (or host:port for explicit endpoints),
 * {@code shard} the shard index ordered by first slot; either may be null for cluster-wide findings.
 */
public record Finding(String check, Severity severity, String node, Integer shard, String observed, String expected,
                      String message, String remediation) {

    public static Builder of(Check check) {
        return new Builder(check);
    }

    /** Collects the optional parts so rules read as sentences rather than eight positional arguments. */
    public static final class Builder {
        private final Check check;
        private String node;
        private Integer shard;
        private String observed;
        private String expected;
        private Severity severity;

        private Builder(Check check) {
            this.check = check;
            this.severity = check.severity();
        }

        public Builder node(String node) {
            this.node = node;
            return this;
        }

        public Builder shard(Integer shard) {
            this.shard = shard;
            return this;
        }

        public Builder observed(Object observed) {
            this.observed = observed == null ? null : String.valueOf(observed);
            return this;
        }

        public Builder expected(Object expected) {
            this.expected = expected == null ? null : String.valueOf(expected);
            return this;
        }

        /** For the few checks whose severity depends on how far off the observation is. */
        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        public Finding message(String message, String remediation) {
            return new Finding(check.id(), severity, node, shard, observed, expected, message, remediation);
        }
    }
}

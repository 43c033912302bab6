package io.statefulsuite.keyvault.emulator;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Misbehaviour on demand: error statuses (429 with Retry-After, 5xx) for the next N requests or a fraction
 * of them, slow responses, and actions run after a request was served (e.g. deleting a secret mid-sync).
 * Rules apply to authenticated requests of the operations they name (all operations when none is named).
 */
public final class Faults {

    /** What a matching request gets instead of its normal answer (status 0 = the normal answer, only delayed). */
    public record Fault(int status, int retryAfterSeconds, Duration delay) {
        public boolean replacesResponse() {
            return status > 0;
        }
    }

    private static final int UNLIMITED = Integer.MAX_VALUE;

    private final class Rule {
        final Set<Operation> operations;
        final AtomicInteger remaining;
        final double rate;
        final Fault fault;

        Rule(Set<Operation> operations, int count, double rate, Fault fault) {
            this.operations = operations.isEmpty() ? EnumSet.allOf(Operation.class) : EnumSet.copyOf(operations);
            this.remaining = new AtomicInteger(count);
            this.rate = rate;
            this.fault = fault;
        }

        boolean fires(Operation operation) {
            if (!operations.contains(operation) || ThreadLocalRandom.current().nextDouble() >= rate) {
                return false;
            }
            return remaining.getAndUpdate(n -> n == UNLIMITED ? n : Math.max(0, n - 1)) > 0;
        }
    }

    private record AfterAction(Operation operation, AtomicInteger remaining, Consumer<SecretStore> action) {
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<AfterAction> afterActions = new CopyOnWriteArrayList<>();

    /** The next {@code count} requests get 429 Too Many Requests with {@code Retry-After}. */
    public Faults throttleNext(int count, int retryAfterSeconds, Operation... operations) {
        return add(Set.of(operations), count, 1.0, new Fault(429, retryAfterSeconds, Duration.ZERO));
    }

    /** The next {@code count} requests get {@code status} (e.g. 500, 503). */
    public Faults failNext(int count, int status, Operation... operations) {
        return add(Set.of(operations), count, 1.0, new Fault(status, 0, Duration.ZERO));
    }

    /** Until cleared, a random {@code fraction} of requests get {@code status} (429 carries Retry-After 1). */
    public Faults failAtRate(double fraction, int status, Operation... operations) {
        return add(Set.of(operations), UNLIMITED, fraction, new Fault(status, status == 429 ? 1 : 0, Duration.ZERO));
    }

    /** The next {@code count} requests are answered normally but only after {@code delay}. */
    public Faults delayNext(int count, Duration delay, Operation... operations) {
        return add(Set.of(operations), count, 1.0, new Fault(0, 0, delay));
    }

    /** Once the next {@code operation} request has been served, the secret {@code name} is deleted. */
    public Faults deleteAfterNext(Operation operation, String name) {
        return afterNext(operation, store -> store.delete(name));
    }

    /**
     * Once the next {@code operation} request has been answered (whatever its status), {@code action} changes
     * the vault — e.g. another writer setting a secret between a client's check and its write.
     */
    public Faults afterNext(Operation operation, Consumer<SecretStore> action) {
        afterActions.add(new AfterAction(operation, new AtomicInteger(1), action));
        return this;
    }

    public Faults add(Set<Operation> operations, int count, double rate, Fault fault) {
        rules.add(new Rule(operations, count, rate, fault));
        return this;
    }

    public void clear() {
        rules.clear();
        afterActions.clear();
    }

    Optional<Fault> next(Operation operation) {
        for (Rule rule : rules) {
            if (rule.fires(operation)) {
                return Optional.of(rule.fault);
            }
        }
        return Optional.empty();
    }

    void afterServed(Operation operation, SecretStore store) {
        for (AfterAction action : afterActions) {
            if (action.operation() == operation && action.remaining().getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                action.action().accept(store);
            }
        }
    }
}

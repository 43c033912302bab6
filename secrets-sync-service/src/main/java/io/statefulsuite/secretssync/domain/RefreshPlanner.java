package io.statefulsuite.secretssync.domain;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Decides from a vault listing alone which secrets a sync must GET. A latest-version source is re-read only
 * when its {@code updated} time moved, or while it is unsettled: Key Vault times have one-second resolution,
 * so a version fetched within {@link #SETTLE_SECONDS} of its update time may hide a newer version written in
 * the same second. Pinned versions never change once read.
 */
public final class RefreshPlanner {

    public static final long SETTLE_SECONDS = 2;

    private RefreshPlanner() {
    }

    /**
     * @param changed  sources whose vault version differs from the one synced (or never synced)
     * @param fetch    sources to GET: the changed ones, plus, when the target is re-rendered, those not cached
     * @param missing  sources the listing lacks that were never synced (nothing to keep)
     * @param removed  sources synced before that the listing no longer has: the deletion policy applies
     * @param disabled sources listed as disabled: they cannot be read; the last good data is kept
     * @param rerender whether the target data must be computed again
     */
    public record Plan(Set<SourceRef> changed, Set<SourceRef> fetch, Set<SourceRef> missing, Set<SourceRef> removed,
                       Set<SourceRef> disabled, boolean rerender) {

        public boolean nothingToDo() {
            return !rerender && missing.isEmpty() && removed.isEmpty() && disabled.isEmpty();
        }
    }

    /**
     * @param required    what the spec reads now
     * @param listing     the vault listing, by name
     * @param previous    what the last successful sync used
     * @param cached      whether a source's value (at the listed version) is still held in memory
     * @param forceRender re-render even if no version moved (spec changed, target drifted, last sync failed)
     */
    public static Plan plan(Set<SourceRef> required, Map<String, VaultItem> listing,
                            Collection<SyncedVersion> previous, Predicate<SourceRef> cached, boolean forceRender) {
        Map<SourceRef, SyncedVersion> before = previous.stream()
                .collect(Collectors.toMap(SyncedVersion::source, v -> v, (a, b) -> b));
        Set<SourceRef> changed = new LinkedHashSet<>();
        Set<SourceRef> missing = new LinkedHashSet<>();
        Set<SourceRef> removed = new LinkedHashSet<>();
        Set<SourceRef> disabled = new LinkedHashSet<>();
        Set<SourceRef> available = new LinkedHashSet<>();
        for (SourceRef source : required) {
            VaultItem item = listing.get(source.name());
            SyncedVersion last = before.get(source);
            if (item == null) {
                (last == null ? missing : removed).add(source);
            } else if (!item.enabled()) {
                disabled.add(source);
            } else {
                available.add(source);
                if (hasChanged(source, item, last)) {
                    changed.add(source);
                }
            }
        }
        boolean sourcesDropped = before.keySet().stream()
                .anyMatch(source -> !required.contains(source) && listing.containsKey(source.name()));
        boolean rerender = forceRender || !changed.isEmpty() || sourcesDropped;
        Set<SourceRef> fetch = new LinkedHashSet<>(changed);
        if (rerender) {
            available.stream().filter(cached.negate()).forEach(fetch::add);
        }
        return new Plan(changed, fetch, missing, removed, disabled, rerender);
    }

    private static boolean hasChanged(SourceRef source, VaultItem item, SyncedVersion last) {
        if (last == null) {
            return true;
        }
        if (source.pinned()) {
            return false;
        }
        boolean settled = last.fetched() - last.updated() >= SETTLE_SECONDS;
        return item.updated() != last.updated() || !settled;
    }
}

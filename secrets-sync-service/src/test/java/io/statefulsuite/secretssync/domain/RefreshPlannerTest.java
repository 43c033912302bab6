package io.statefulsuite.secretssync.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshPlannerTest {

    private static final SourceRef A = SourceRef.latest("a");
    private static final SourceRef B = SourceRef.latest("b");
    private static final SourceRef PINNED = SourceRef.of("p", "0123456789abcdef0123456789abcdef");

    private static Map<String, VaultItem> listing(VaultItem... items) {
        return java.util.Arrays.stream(items).collect(java.util.stream.Collectors.toMap(VaultItem::name, i -> i));
    }

    private static VaultItem item(String name, long updated) {
        return new VaultItem(name, true, updated, Map.of());
    }

    @Test
    void nothingChangedMeansNoFetchAndNothingToDo() {
        RefreshPlanner.Plan plan = RefreshPlanner.plan(Set.of(A, B), listing(item("a", 100), item("b", 200)),
                List.of(new SyncedVersion("a", "v1", false, 100, 500), new SyncedVersion("b", "v2", false, 200, 500)),
                source -> false, false);

        assertThat(plan.fetch()).isEmpty();
        assertThat(plan.nothingToDo()).isTrue();
    }

    @Test
    void onlyTheChangedSourceIsFetchedWhenTheOthersAreCached() {
        RefreshPlanner.Plan plan = RefreshPlanner.plan(Set.of(A, B), listing(item("a", 150), item("b", 200)),
                List.of(new SyncedVersion("a", "v1", false, 100, 500), new SyncedVersion("b", "v2", false, 200, 500)),
                source -> true, false);

        assertThat(plan.changed()).containsExactly(A);
        assertThat(plan.fetch()).containsExactly(A);
        assertThat(plan.rerender()).isTrue();
    }

    @Test
    void uncachedSourcesAreFetchedWhenTheTargetIsRerendered() {
        RefreshPlanner.Plan plan = RefreshPlanner.plan(Set.of(A, B), listing(item("a", 150), item("b", 200)),
                List.of(new SyncedVersion("a", "v1", false, 100, 500), new SyncedVersion("b", "v2", false, 200, 500)),
                source -> false, false);

        assertThat(plan.fetch()).containsExactlyInAnyOrder(A, B);
    }

    @Test
    void aVersionReadInTheSecondItWasWrittenIsReadAgain() {
        RefreshPlanner.Plan plan = RefreshPlanner.plan(Set.of(A), listing(item("a", 100)),
                List.of(new SyncedVersion("a", "v1", false, 100, 101)), source -> true, false);

        assertThat(plan.fetch()).containsExactly(A);
    }

    @Test
    void pinnedVersionsAreReadOnce() {
        RefreshPlanner.Plan plan = RefreshPlanner.plan(Set.of(PINNED), listing(item("p", 999)),
                List.of(new SyncedVersion("p", PINNED.version(), true, 1, 1)), source -> true, false);

        assertThat(plan.fetch()).isEmpty();
    }

    @Test
    void missingRemovedAndDisabledAreTold() {
        RefreshPlanner.Plan plan = RefreshPlanner.plan(Set.of(A, B, SourceRef.latest("c")),
                listing(new VaultItem("c", false, 1, Map.of())),
                List.of(new SyncedVersion("b", "v2", false, 200, 500)), source -> true, false);

        assertThat(plan.missing()).containsExactly(A);
        assertThat(plan.removed()).containsExactly(B);
        assertThat(plan.disabled()).containsExactly(SourceRef.latest("c"));
        assertThat(plan.nothingToDo()).isFalse();
    }

    @Test
    void aSourceNoLongerReadForcesARerender() {
        RefreshPlanner.Plan plan = RefreshPlanner.plan(Set.of(A), listing(item("a", 100), item("b", 200)),
                List.of(new SyncedVersion("a", "v1", false, 100, 500), new SyncedVersion("b", "v2", false, 200, 500)),
                source -> true, false);

        assertThat(plan.rerender()).isTrue();
        assertThat(plan.fetch()).isEmpty();
    }
}

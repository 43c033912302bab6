package io.statefulsuite.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpiringCacheTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final ExpiringCache<String, String> cache = new ExpiringCache<>(2, now::get);

    @Test
    void anEntryLivesForItsOwnTimeToLive() {
        cache.put("long", "a", Duration.ofSeconds(30));
        cache.put("short", "b", Duration.ofSeconds(5));

        advance(Duration.ofSeconds(5).minusNanos(1));
        assertThat(cache.get("short")).contains("b");
        advance(Duration.ofNanos(1));
        assertThat(cache.get("short")).isEmpty();
        assertThat(cache.get("long")).contains("a");
        advance(Duration.ofSeconds(25));
        assertThat(cache.get("long")).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void theLeastRecentlyUsedEntryMakesRoom() {
        cache.put("first", "1", Duration.ofMinutes(1));
        cache.put("second", "2", Duration.ofMinutes(1));
        cache.get("first");

        cache.put("third", "3", Duration.ofMinutes(1));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("second")).isEmpty();
        assertThat(cache.get("first")).contains("1");
        assertThat(cache.get("third")).contains("3");
    }

    @Test
    void aZeroTimeToLiveCachesNothing() {
        cache.put("never", "x", Duration.ZERO);

        assertThat(cache.get("never")).isEmpty();
    }

    @Test
    void aCacheHoldsAtLeastOneEntry() {
        assertThatThrownBy(() -> new ExpiringCache<String, String>(0, now::get))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}

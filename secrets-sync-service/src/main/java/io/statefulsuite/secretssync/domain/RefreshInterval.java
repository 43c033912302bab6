package io.statefulsuite.secretssync.domain;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations as ESO users write them ({@code 1h}, {@code 15m}, {@code 1h30m}, {@code 90s}, {@code 0}). */
public final class RefreshInterval {

    public static final Duration DEFAULT = Duration.ofHours(1);
    /** Shorter intervals would only burn vault quota. */
    public static final Duration MINIMUM = Duration.ofSeconds(10);

    private static final Pattern FORMAT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private RefreshInterval() {
    }

    /** The interval, {@link Duration#ZERO} for "sync once", or empty when malformed. */
    public static Optional<Duration> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(DEFAULT);
        }
        if (text.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofHours(number(matcher.group(1))).plusMinutes(number(matcher.group(2)))
                .plusSeconds(number(matcher.group(3))));
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}

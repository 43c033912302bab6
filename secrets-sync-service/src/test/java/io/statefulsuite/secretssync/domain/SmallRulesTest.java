package io.statefulsuite.secretssync.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** Decoding, intervals, jitter, passwords, hashes and tenancy. */
class SmallRulesTest {

    @Test
    void decodingStrategies() {
        assertThat(DecodingStrategy.Base64.decode("aGk=")).hasValueSatisfying(b -> assertThat(b).isEqualTo("hi".getBytes()));
        assertThat(DecodingStrategy.Base64.decode("_-8")).isPresent();
        assertThat(DecodingStrategy.Base64.decode("not base64!")).isEmpty();
        assertThat(new String(DecodingStrategy.Auto.decode("plain text").orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("plain text");
        assertThat(DecodingStrategy.parse("Rot13")).isEmpty();
        assertThat(DecodingStrategy.parse(null)).contains(DecodingStrategy.None);
    }

    @Test
    void refreshIntervals() {
        assertThat(RefreshInterval.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(RefreshInterval.parse("90s")).contains(Duration.ofSeconds(90));
        assertThat(RefreshInterval.parse("0")).contains(Duration.ZERO);
        assertThat(RefreshInterval.parse(null)).contains(Duration.ofHours(1));
        assertThat(RefreshInterval.parse("soon")).isEmpty();
    }

    @Test
    void jitterStaysWithinItsBandAndSpreadsStarts() {
        RefreshSchedule schedule = new RefreshSchedule(0.1, Duration.ofMinutes(5), RandomGenerator.of("L64X128MixRandom"));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 1000; i++) {
            assertThat(schedule.next(now, Duration.ofHours(1))).isBetween(now.plusSeconds(3240), now.plusSeconds(3960));
            assertThat(schedule.firstAfterStart(now, Duration.ofHours(1))).isBetween(now, now.plusSeconds(300));
        }
        assertThat(schedule.next(now, Duration.ZERO)).isNull();
    }

    @Test
    void passwordsFollowTheirPolicy() {
        String hex = new PasswordPolicy(64, PasswordPolicy.Charset.HEX).generate(new SecureRandom());
        String symbols = new PasswordPolicy(16, PasswordPolicy.Charset.ALPHANUMERIC_SYMBOLS).generate(new SecureRandom());

        assertThat(hex).hasSize(64).matches("[0-9a-f]+");
        assertThat(symbols).hasSize(16).matches(".*[A-Z].*").matches(".*[a-z].*").matches(".*[0-9].*")
                .matches(".*[-_.~+=].*");
    }

    @Test
    void dataHashIsStableAndValueSensitive() {
        TargetData one = new TargetData(Map.of("a", "1".getBytes(), "b", "2".getBytes()));
        TargetData same = new TargetData(Map.of("b", "2".getBytes(), "a", "1".getBytes()));
        TargetData other = new TargetData(Map.of("a", "1".getBytes(), "b", "3".getBytes()));

        assertThat(one.hash()).isEqualTo(same.hash()).startsWith("sha256:").isNotEqualTo(other.hash());
        assertThat(one).isEqualTo(same).hasToString("TargetData[a, b]");
    }

    @Test
    void tenancyRefusesNamespacesAndVaults() {
        Tenancy tenancy = new Tenancy(java.util.List.of("team-a", "team-b"),
                Map.of("team-b", java.util.List.of("https://b.vault.azure.net/")));

        assertThat(tenancy.refusal("team-c", "https://a.vault.azure.net")).hasValueSatisfying(v ->
                assertThat(v.field()).isEqualTo("metadata.namespace"));
        assertThat(tenancy.refusal("team-b", "https://a.vault.azure.net")).hasValueSatisfying(v ->
                assertThat(v.field()).isEqualTo("spec.vault.url"));
        assertThat(tenancy.refusal("team-b", "https://B.vault.azure.net")).isEmpty();
        assertThat(tenancy.refusal("team-a", "https://any.vault.azure.net")).isEmpty();
    }
}

package io.statefulsuite.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BearerTokenTest {

    @Test
    void theSchemeIsCaseInsensitiveAndTheTokenIsATokenSixtyEight() {
        assertThat(BearerToken.from("Bearer eyJhbGciOi.J9-_x~+/y==")).contains("eyJhbGciOi.J9-_x~+/y==");
        assertThat(BearerToken.from("bearer abc")).contains("abc");
        assertThat(BearerToken.from("BEARER  abc ")).contains("abc");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Basic dXNlcjpwdw==", "Bearer a b", "Bearer a\"b", "Bearertoken",
            "Bearer =abc"})
    void anythingElseIsNoBearerToken(String header) {
        assertThat(BearerToken.from(header)).isEmpty();
    }

    @Test
    void theDigestIsTheHexSha256AndRevealsNoPartOfTheToken() {
        assertThat(BearerToken.digest("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(BearerToken.digest("secret-token-value")).hasSize(64).doesNotContain("secret");
    }
}

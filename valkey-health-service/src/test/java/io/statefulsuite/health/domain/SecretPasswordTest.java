package io.statefulsuite.health.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretPasswordTest {

    @Test
    void aTrailingNewlineFromKubectlFromFileIsNotPartOfThePasswordButSpacesAre() {
        assertThat(SecretPassword.fromSecretValue(" pw with spaces \n")).isEqualTo(" pw with spaces ");
    }
}

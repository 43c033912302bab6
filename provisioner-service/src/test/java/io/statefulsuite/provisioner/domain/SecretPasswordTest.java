package io.statefulsuite.provisioner.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretPasswordTest {

    @Test
    void theFirstLineIsThePasswordAsStartShReadsIt() {
        assertThat(SecretPassword.fromSecretValue("s3cret\n")).isEqualTo("s3cret");
        assertThat(SecretPassword.fromSecretValue("s3cret")).isEqualTo("s3cret");
        assertThat(SecretPassword.fromSecretValue(" spaced out \nignored")).isEqualTo(" spaced out ");
    }
}

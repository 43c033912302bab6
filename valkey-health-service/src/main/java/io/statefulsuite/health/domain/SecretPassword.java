package io.statefulsuite.health.domain;

/**
 * How a Valkey password is read from its Secret value, the same way the provisioner's pods' {@code start.sh} reads the mounted
 * file ({@code IFS= read -r}): the first line, without its newline. A Secret made with
 * {@code kubectl create secret --from-file} ends in a newline that is not part of the password.
 */
public final class SecretPassword {

    private SecretPassword() {
    }

    public static String fromSecretValue(String value) {
        int newline = value.indexOf('\n');
        return newline < 0 ? value : value.substring(0, newline);
    }
}

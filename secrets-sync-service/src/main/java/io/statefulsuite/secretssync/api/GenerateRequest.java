package io.statefulsuite.secretssync.api;

/**
 * Body of {@code PUT /api/v1/vault-secrets/{name}:generate}.
 *
 * @param vault       vault URL
 * @param length      password length (16–256, default 32)
 * @param charset     alphanumeric (default), alphanumeric-symbols or hex
 * @param contentType content type recorded on the vault secret (optional)
 */
public record GenerateRequest(String vault, Integer length, String charset, String contentType) {
}

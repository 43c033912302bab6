package io.statefulsuite.keyvault.emulator;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import reactor.core.publisher.Mono;

import javax.net.ssl.SSLException;
import java.time.Duration;
import java.time.OffsetDateTime;

/** The real Azure SDK client, trusting only the emulator's CA, with a static bearer token. */
final class SdkClients {

    static final TokenCredential STATIC_TOKEN =
            request -> Mono.just(new AccessToken("test-token", OffsetDateTime.now().plusHours(1)));

    private SdkClients() {
    }

    static SecretClient secretClient(KeyVaultEmulator emulator, int maxRetries) {
        return new SecretClientBuilder()
                .vaultUrl(emulator.vaultUrl())
                .credential(STATIC_TOKEN)
                .httpClient(httpClient(emulator))
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(maxRetries)
                        .setBaseDelay(Duration.ofMillis(10)).setMaxDelay(Duration.ofMillis(100))))
                .disableChallengeResourceVerification()
                .buildClient();
    }

    static HttpClient httpClient(KeyVaultEmulator emulator) {
        try {
            SslContext ssl = SslContextBuilder.forClient().trustManager(emulator.tls().caCertificate()).build();
            return new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                    .secure(spec -> spec.sslContext(ssl))).build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }
}

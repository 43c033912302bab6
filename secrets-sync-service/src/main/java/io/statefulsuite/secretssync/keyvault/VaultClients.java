package io.statefulsuite.secretssync.keyvault;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import io.statefulsuite.secretssync.config.SecretsSyncConfig;
import io.statefulsuite.secretssync.domain.VaultRef;
import io.statefulsuite.secretssync.metrics.SyncMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import reactor.core.publisher.Mono;

import javax.net.ssl.SSLException;
import java.io.File;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link SecretClient} per vault (and identity), built once and reused: its credential caches tokens, its
 * pipeline holds the retry policy (429 Retry-After honoured, exponential backoff with jitter on 5xx/timeouts)
 * and the vault's rate limiter. All clients share one HTTP connection pool.
 */
@ApplicationScoped
public class VaultClients {

    private record ClientKey(String vaultUrl, String identityClientId) {
    }

    private final SecretsSyncConfig.KeyVault config;
    private final SyncMetrics metrics;
    private final HttpClient httpClient;
    private final Map<ClientKey, SecretClient> clients = new ConcurrentHashMap<>();
    private final Map<String, TokenCredential> credentials = new ConcurrentHashMap<>();
    private final Map<String, VaultRateLimiter> limiters = new ConcurrentHashMap<>();

    public VaultClients(SecretsSyncConfig config, SyncMetrics metrics) {
        this.config = config.keyvault();
        this.metrics = metrics;
        this.httpClient = httpClient(this.config);
    }

    public SecretClient client(VaultRef vault) {
        return clients.computeIfAbsent(new ClientKey(VaultRef.normalise(vault.url()), vault.identityClientId()), this::build);
    }

    private SecretClient build(ClientKey key) {
        SecretClientBuilder builder = new SecretClientBuilder()
                .vaultUrl(key.vaultUrl())
                .credential(credential(key.identityClientId()))
                .httpClient(httpClient)
                .retryOptions(new RetryOptions(new ExponentialBackoffOptions()
                        .setMaxRetries(config.maxRetries())
                        .setBaseDelay(config.retryBaseDelay())
                        .setMaxDelay(config.retryMaxDelay())))
                .addPolicy(new VaultRequestPolicy(
                        limiters.computeIfAbsent(key.vaultUrl(), url -> new VaultRateLimiter(config.requestsPerSecond())),
                        metrics));
        if (config.disableChallengeResourceVerification()) {
            builder.disableChallengeResourceVerification();
        }
        return builder.buildClient();
    }

    private TokenCredential credential(String identityClientId) {
        String cacheKey = identityClientId == null ? "" : identityClientId;
        return credentials.computeIfAbsent(cacheKey, id -> {
            if (config.staticToken().isPresent()) {
                String token = config.staticToken().get().value();
                return request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
            }
            DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
            if (!id.isEmpty()) {
                builder.managedIdentityClientId(id).workloadIdentityClientId(id);
            }
            return builder.build();
        });
    }

    private static HttpClient httpClient(SecretsSyncConfig.KeyVault config) {
        reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create();
        if (config.trustPem().isPresent()) {
            try {
                var ssl = SslContextBuilder.forClient().trustManager(new File(config.trustPem().get())).build();
                netty = netty.secure(spec -> spec.sslContext(ssl));
            } catch (SSLException e) {
                throw new IllegalStateException("cannot load secrets-sync.keyvault.trust-pem " + config.trustPem().get(), e);
            }
        }
        return new NettyAsyncHttpClientBuilder(netty)
                .responseTimeout(config.timeout())
                .readTimeout(config.timeout())
                .writeTimeout(config.timeout())
                .connectTimeout(config.timeout())
                .build();
    }
}

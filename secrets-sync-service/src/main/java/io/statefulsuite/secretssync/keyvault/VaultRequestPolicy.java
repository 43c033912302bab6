package io.statefulsuite.secretssync.keyvault;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.statefulsuite.secretssync.metrics.SyncMetrics;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Runs on every try (retries included): waits for the vault's rate limiter, then counts the request by
 * operation and status.
 */
final class VaultRequestPolicy implements HttpPipelinePolicy {

    private final VaultRateLimiter limiter;
    private final SyncMetrics metrics;

    VaultRequestPolicy(VaultRateLimiter limiter, SyncMetrics metrics) {
        this.limiter = limiter;
        this.metrics = metrics;
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        String operation = operation(context);
        Duration wait = limiter.reserve();
        Mono<HttpResponse> call = next.process()
                .doOnNext(response -> metrics.vaultRequest(operation, Integer.toString(response.getStatusCode())))
                .doOnError(error -> metrics.vaultRequest(operation, "error"));
        return wait.isZero() ? call : Mono.delay(wait).then(call);
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        String operation = operation(context);
        sleep(limiter.reserve());
        try {
            HttpResponse response = next.processSync();
            metrics.vaultRequest(operation, Integer.toString(response.getStatusCode()));
            return response;
        } catch (RuntimeException e) {
            metrics.vaultRequest(operation, "error");
            throw e;
        }
    }

    /** list, versions, get, set, patch, delete — from the method and path. */
    static String operation(HttpPipelineCallContext context) {
        HttpMethod method = context.getHttpRequest().getHttpMethod();
        String[] path = context.getHttpRequest().getUrl().getPath().replaceAll("^/+|/+$", "").split("/");
        if (method == HttpMethod.GET) {
            if (path.length == 1) {
                return "list";
            }
            return path.length == 3 && path[2].equals("versions") ? "versions" : "get";
        }
        return switch (method.name()) {
            case "PUT" -> "set";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> "other";
        };
    }

    private static void sleep(Duration wait) {
        if (wait.isZero()) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

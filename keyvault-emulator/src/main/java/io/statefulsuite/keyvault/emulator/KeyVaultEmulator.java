package io.statefulsuite.keyvault.emulator;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTPS Azure Key Vault (secrets only) in one process: start it, point a {@code SecretClient} at
 * {@link #vaultUrl()} trusting {@link #tls()}'s CA, seed secrets, inject faults, read {@link #counters()}.
 */
public final class KeyVaultEmulator implements AutoCloseable {

    private final EmulatorSettings settings;
    private final EmulatorTls tls;
    private final SecretStore store = new SecretStore();
    private final Faults faults = new Faults();
    private final RequestCounters counters = new RequestCounters();
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "keyvault-emulator");
        thread.setDaemon(true);
        return thread;
    });

    private KeyVaultEmulator(EmulatorSettings settings) throws IOException {
        this.settings = settings;
        this.tls = EmulatorTls.generate(settings.hostNames());
        this.server = HttpsServer.create(new InetSocketAddress(settings.host(), settings.port()), 128);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.serverSslContext()));
        server.createContext("/", new SecretsApi(store, faults, counters, settings, this::vaultUrl));
        server.createContext("/_emulator/", new AdminApi(this));
        server.setExecutor(executor);
    }

    public static KeyVaultEmulator start() {
        return start(EmulatorSettings.defaults());
    }

    public static KeyVaultEmulator start(EmulatorSettings settings) {
        try {
            KeyVaultEmulator emulator = new KeyVaultEmulator(settings);
            emulator.server.start();
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Key Vault emulator on " + settings.host() + ":"
                    + settings.port(), e);
        }
    }

    /** {@code https://localhost:<port>} — the host name the certificate covers, without a trailing slash. */
    public String vaultUrl() {
        return "https://localhost:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public EmulatorTls tls() {
        return tls;
    }

    public Faults faults() {
        return faults;
    }

    public RequestCounters counters() {
        return counters;
    }

    public SecretStore store() {
        return store;
    }

    public EmulatorSettings settings() {
        return settings;
    }

    /** Adds a version of {@code name}, as a {@code PUT} would (not counted). */
    public SecretVersion seed(String name, String value) {
        return seed(name, value, Map.of());
    }

    public SecretVersion seed(String name, String value, Map<String, String> tags) {
        return store.set(name, value, SecretUpdate.tags(tags))
                .orElseThrow(() -> new IllegalStateException(name + " is in the deleted state"));
    }

    /** Timestamps of new versions come from {@code clock} (second resolution, as in Key Vault). */
    public void setClock(Clock clock) {
        store.setClock(clock);
    }

    /** Forgets secrets, faults and counts; keeps the port and certificates. */
    public void reset() {
        store.clear();
        faults.clear();
        counters.reset();
        store.setClock(Clock.systemUTC());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

package io.statefulsuite.secretssync.k8s;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.statefulsuite.secretssync.crd.SecretSync;
import jakarta.enterprise.context.ApplicationScoped;

/** An informer on SecretSyncs in all namespaces, feeding a listener. */
@ApplicationScoped
public class SecretSyncWatcher {

    /** What the watcher reports. */
    public interface Listener {
        void added(SecretSync resource);

        void updated(SecretSync before, SecretSync after);

        void deleted(SecretSync resource);
    }

    private final SecretSyncRepository repository;
    private volatile SharedIndexInformer<SecretSync> informer;

    public SecretSyncWatcher(SecretSyncRepository repository) {
        this.repository = repository;
    }

    public void start(Listener listener) {
        informer = repository.resources().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(SecretSync resource) {
                listener.added(resource);
            }

            @Override
            public void onUpdate(SecretSync before, SecretSync after) {
                listener.updated(before, after);
            }

            @Override
            public void onDelete(SecretSync resource, boolean finalStateUnknown) {
                listener.deleted(resource);
            }
        }, 0);
    }

    public void stop() {
        if (informer != null) {
            informer.close();
        }
    }
}

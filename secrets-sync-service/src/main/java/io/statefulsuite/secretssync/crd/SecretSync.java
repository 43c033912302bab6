package io.statefulsuite.secretssync.crd;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.statefulsuite.secretssync.domain.SecretSyncSpec;

/** Mirrors Key Vault secrets into one Kubernetes Secret; see the service README for every field. */
@Group(SecretSync.GROUP)
@Version(SecretSync.VERSION)
@Kind("SecretSync")
@Plural("secretsyncs")
@Singular("secretsync")
@ShortNames("ssync")
public class SecretSync extends CustomResource<SecretSyncSpec, SecretSyncStatus> implements Namespaced {

    public static final String GROUP = "stateful.suite.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    /** Held until the target has been dealt with by the policies, so a deletion is honoured even while we are down. */
    public static final String FINALIZER = "secrets-sync.stateful.suite.io/target-cleanup";
}

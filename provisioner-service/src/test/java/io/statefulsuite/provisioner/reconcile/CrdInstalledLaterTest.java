package io.statefulsuite.provisioner.reconcile;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.statefulsuite.kit.testing.CrdAwareKubernetesServer;
import io.statefulsuite.kit.testing.CrdInstalledLaterContract;

/** Started before the ValkeyCluster CRD exists; it competes for the Lease and reconciles once it is installed. */
@QuarkusTest
@WithTestResource(CrdAwareKubernetesServer.class)
class CrdInstalledLaterTest extends CrdInstalledLaterContract {

    @Override
    protected String crdName() {
        return "valkeyclusters.stateful.suite.io";
    }
}

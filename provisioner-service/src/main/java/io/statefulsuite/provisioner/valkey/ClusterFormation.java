package io.statefulsuite.provisioner.valkey;

import io.statefulsuite.provisioner.domain.formation.FormationReport;
import io.statefulsuite.provisioner.domain.formation.FormationRequest;
import jakarta.enterprise.context.ApplicationScoped;

/** Forms the Valkey cluster from its pods over the Valkey protocol and keeps it right. */
@ApplicationScoped
public class ClusterFormation {

    /** One idempotent, resumable pass towards the requested topology, starting from what the nodes report. */
    public FormationReport converge(FormationRequest request, String password) {
        throw new UnsupportedOperationException("cluster formation is being built");
    }
}

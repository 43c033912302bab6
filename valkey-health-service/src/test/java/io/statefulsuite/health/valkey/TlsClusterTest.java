package io.statefulsuite.health.valkey;

import io.statefulsuite.health.domain.CheckPlan;
import io.statefulsuite.health.domain.HealthReport;
import io.statefulsuite.health.domain.HealthStatus;
import io.statefulsuite.health.domain.NodeAccess;
import io.statefulsuite.health.domain.TrustedCa;
import io.statefulsuite.health.support.Checks;
import io.statefulsuite.health.support.TestCluster;
import io.statefulsuite.keyvault.emulator.EmulatorTls;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.statefulsuite.health.support.Checks.expected;
import static io.statefulsuite.health.support.TestCluster.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TLS-only 6-node cluster (clients, replication and cluster bus over TLS) checked over TLS, trusting only the CA
 * that signed the nodes' certificates. The nodes listen on 127.a.b.c addresses their certificates do not name, as pod
 * IPs are not named: the chain is verified, the host name is not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsClusterTest {

    @AutoClose
    private final Checks checks = new Checks();
    @AutoClose
    private TestCluster cluster;
    private TrustedCa nodesCa;
    private TrustedCa otherCa;

    @BeforeAll
    void startCluster(@TempDir Path work) throws IOException {
        EmulatorTls.PemFiles pem = EmulatorTls.generate(List.of()).writePemFiles(work.resolve("tls"));
        nodesCa = TrustedCa.parse(Files.readString(pem.caCertificate()), "ca.crt of the nodes").orElseThrow();
        otherCa = TrustedCa.parse(EmulatorTls.generate(List.of()).caCertificatePem(), "ca.crt of another CA")
                .orElseThrow();
        cluster = TestCluster.start(work.resolve("nodes"), 3, pem);
    }

    @Test
    void aTlsClusterIsHealthyOverTlsWithACanaryProbe() {
        HealthReport report = check(NodeAccess.overTls(PASSWORD, nodesCa), true);

        assertThat(report.findings()).isEmpty();
        assertThat(report.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(report.topology().shards()).hasSize(3);
        assertThat(report.probes()).hasSize(3).allSatisfy(probe -> assertThat(probe.error()).isNull());
    }

    @Test
    void nodesWithACertificateFromAnotherCaFailTheHandshakeEvenRightAfterAGoodCheck() {
        // the good check leaves pooled TLS connections behind; a changed CA must not reuse them
        assertThat(check(NodeAccess.overTls(PASSWORD, nodesCa), false).status()).isEqualTo(HealthStatus.HEALTHY);

        HealthReport report = check(NodeAccess.overTls(PASSWORD, otherCa), false);

        assertThat(report.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(report.findings()).hasSize(6).allSatisfy(finding -> {
            assertThat(finding.check()).isEqualTo("node.tls");
            assertThat(finding.observed()).endsWith("(trusting ca.crt of another CA)");
            assertThat(finding.message()).doesNotContain("BEGIN CERTIFICATE").doesNotContain(PASSWORD);
            assertThat(finding.remediation()).contains("ca.crt");
        });
    }

    @Test
    void aPlainConnectionToATlsOnlyNodeGetsNoData() {
        HealthReport report = check(NodeAccess.plain(PASSWORD), false);

        assertThat(report.status()).isEqualTo(HealthStatus.UNKNOWN);
        assertThat(report.findings()).hasSize(6).allSatisfy(finding -> assertThat(finding.check()).startsWith("node."));
    }

    private HealthReport check(NodeAccess access, boolean probe) {
        return checks.check(CheckPlan.of(cluster.targets(), expected(3), Checks.TIMEOUT).withProbes(probe, false),
                access);
    }
}

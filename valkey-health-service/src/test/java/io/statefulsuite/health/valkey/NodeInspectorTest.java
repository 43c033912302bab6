package io.statefulsuite.health.valkey;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.statefulsuite.health.domain.Reachability;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class NodeInspectorTest {

    @Test
    void handshakeFailuresAreTlsFailuresEvenWhenTheirTextMentionsAnAuthority() {
        Throwable untrusted = new DecoderException(new SSLHandshakeException("certificate signed by unknown authority"));

        assertThat(NodeInspector.classify(untrusted, "certificate signed by unknown authority"))
                .isEqualTo(Reachability.TLS_FAILED);
        assertThat(NodeInspector.classify(new NotSslRecordException("not an SSL/TLS record"), "not an SSL/TLS record"))
                .isEqualTo(Reachability.TLS_FAILED);
    }

    @Test
    void otherFailuresKeepTheirKinds() {
        assertThat(NodeInspector.classify(new IllegalStateException("WRONGPASS invalid"), "WRONGPASS invalid"))
                .isEqualTo(Reachability.AUTH_FAILED);
        assertThat(NodeInspector.classify(new ConnectException("Connection refused"), "Connection refused"))
                .isEqualTo(Reachability.UNREACHABLE);
    }
}

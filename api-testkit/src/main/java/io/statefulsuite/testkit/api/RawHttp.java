package io.statefulsuite.testkit.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/1.1 requests written byte for byte, for request targets no URI class lets through (a lone {@code %}, a
 * broken escape): HTTP clients refuse to send them, a hostile caller does not.
 */
public final class RawHttp {

    /**
     * Path segments that reach the application and once broke its path decoding: escapes that decode to a lone
     * '%' or to NUL, and a matrix parameter beside them (the server then decodes the path twice).
     */
    public static final List<String> ODD_SEGMENTS = List.of("%25", "a;b", "a;b%25", "%2525", "%00", "%3B", "a%2F..");

    /**
     * Segments that are no valid URI path at all (broken escapes): the HTTP server refuses them with a bare 400
     * and closes the connection before any route or filter runs, as proxies and other servers do.
     */
    public static final List<String> BROKEN_ESCAPES = List.of("%", "a%2", "%zz");

    private RawHttp() {
    }

    /**
     * Sends every method to every template (a path with {@code {}} where a name goes) filled with each of
     * {@link #ODD_SEGMENTS}, and asserts a 4xx problem answer each time; with {@link #BROKEN_ESCAPES}, a 400.
     */
    public static void assertOddPathsGetProblems(int port, List<String> methods, List<String> templates) {
        for (String template : templates) {
            for (String segment : ODD_SEGMENTS) {
                String path = template.replace("{}", segment);
                for (String method : methods) {
                    Answer answer = send(port, method, path);
                    assertThat(answer.status()).as(method + " " + path).isBetween(400, 499);
                    assertThat(answer.isProblem()).as(method + " " + path + ": " + answer.head()).isTrue();
                }
            }
            for (String segment : BROKEN_ESCAPES) {
                String path = template.replace("{}", segment);
                assertThat(send(port, methods.get(0), path).status()).as(path).isEqualTo(400);
            }
        }
    }

    /** The answer's status line, headers and body, as text. */
    public record Answer(int status, String head, String body) {

        public boolean isProblem() {
            return head.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json");
        }
    }

    /** Sends {@code method target} with an empty JSON object as body to the server on the loopback {@code port}. */
    public static Answer send(int port, String method, String target) {
        String request = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + method + " " + target, e);
        }
    }

    private static Answer parse(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || split < 0) {
            throw new IOException("not an HTTP answer: " + text.substring(0, Math.min(200, text.length())));
        }
        return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(0, split), text.substring(split + 4));
    }
}

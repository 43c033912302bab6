package io.statefulsuite.testkit.valkey;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny blocking RESP2 client, independent of the code under test, so that tests can assert a server's real
 * state (CLUSTER INFO, INFO replication, keys) without trusting the client they are testing.
 * Replies: simple and bulk strings as {@link String}, integers as {@link Long}, arrays as {@link List},
 * nil as {@code null}; error replies throw {@link RespException}.
 */
public final class RespClient implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 5_000;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RespClient(String host, int port) {
        this(host, port, null);
    }

    public RespClient(String host, int port, String password) {
        this(host, port, password, null);
    }

    /** With {@code tls} set, the connection is TLS on top of TCP, verified by whatever {@code tls} trusts. */
    public RespClient(String host, int port, String password, SSLSocketFactory tls) {
        try {
            Socket plain = new Socket();
            plain.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket = tls == null ? plain : handshake(tls.createSocket(plain, host, port, true));
            socket.setSoTimeout(TIMEOUT_MILLIS);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new RespException("Cannot connect to " + host + ":" + port, e);
        }
        if (password != null) {
            command("AUTH", password);
        }
    }

    private static Socket handshake(Socket socket) throws IOException {
        socket.setSoTimeout(TIMEOUT_MILLIS);
        ((SSLSocket) socket).startHandshake();
        return socket;
    }

    public Object command(String... args) {
        try {
            out.write(encode(args));
            out.flush();
            return read();
        } catch (IOException e) {
            throw new RespException("I/O error talking to " + socket.getRemoteSocketAddress(), e);
        }
    }

    /** A reply that is known to be a string, e.g. {@code CLUSTER INFO} or {@code INFO}. */
    public String text(String... args) {
        return String.valueOf(command(args));
    }

    private static byte[] encode(String... args) {
        StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Object read() throws IOException {
        int type = in.read();
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new RespException(line);
            case ':':
                return Long.parseLong(line);
            case '$':
                return readBulk(Integer.parseInt(line));
            case '*':
                return readArray(Integer.parseInt(line));
            case -1:
                throw new IOException("Connection closed by server");
            default:
                throw new IOException("Unexpected RESP type byte " + type);
        }
    }

    private String readBulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] data = in.readNBytes(length);
        readLine();
        return new String(data, StandardCharsets.UTF_8);
    }

    private List<Object> readArray(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            items.add(read());
        }
        return items;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        int current;
        while ((current = in.read()) != -1) {
            if (previous == '\r' && current == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(current);
            previous = current;
        }
        throw new IOException("Connection closed mid-reply");
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket we no longer need; nothing to recover
        }
    }
}

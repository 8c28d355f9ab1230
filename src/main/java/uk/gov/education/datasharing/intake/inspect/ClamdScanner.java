package uk.gov.education.datasharing.intake.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * ClamAV's clamd over its INSTREAM protocol (a TCP port or a Unix socket): the file goes in chunks, each
 * prefixed with its length, then a zero length; clamd answers {@code stream: OK}, {@code stream: NAME FOUND},
 * or an error. Fails closed: no connection, a timeout or an error answer is {@link ScannerUnavailableException},
 * never clean; a file past clamd's StreamMaxLength is {@code TOO_LARGE}, never clean. Each scan has one
 * deadline for connecting, sending and the answer, enforced by closing the connection.
 */
public final class ClamdScanner implements Scanner {

    private static final byte[] INSTREAM = "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING = "zPING\0".getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_REPLY = 4096;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "clamd-timeout");
        t.setDaemon(true);
        return t;
    });

    private final SocketAddress address;
    private final Duration timeout;

    /** clamd on a Unix socket when {@code socket} is given, else on host:port. */
    public ClamdScanner(String host, int port, Path socket, Duration timeout) {
        this.address = socket != null ? UnixDomainSocketAddress.of(socket) : new InetSocketAddress(host, port);
        this.timeout = timeout;
    }

    @Override
    public Result scan(InputStream content, long size) throws ScannerUnavailableException {
        String reply;
        try (SocketChannel channel = channel(); Deadline deadline = new Deadline(channel)) {
            channel.connect(address);
            write(channel, ByteBuffer.wrap(INSTREAM));
            boolean sent = send(channel, content);
            reply = read(channel);
            if (!sent && reply.isEmpty()) {
                throw new ScannerUnavailableException("clamd closed the connection without an answer", null);
            }
        } catch (ScannerUnavailableException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ScannerUnavailableException("clamd did not answer (" + e.getClass().getSimpleName() + ")", e);
        }
        return verdict(reply);
    }

    /** Whether clamd answers PING with PONG within the timeout. */
    @Override
    public boolean ready() {
        try (SocketChannel channel = channel(); Deadline deadline = new Deadline(channel)) {
            channel.connect(address);
            write(channel, ByteBuffer.wrap(PING));
            return read(channel).equals("PONG");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** clamd's answer as a verdict; anything but OK, FOUND or the size limit is an error, so no verdict. */
    static Result verdict(String reply) throws ScannerUnavailableException {
        String answer = reply.startsWith("stream: ") ? reply.substring("stream: ".length()) : reply;
        if (answer.equals("OK")) {
            return Result.clean();
        }
        if (answer.endsWith(" FOUND") && !answer.endsWith(" ERROR")) {
            String signature = answer.substring(0, answer.length() - " FOUND".length()).strip();
            return Result.infected(printable(signature));
        }
        if (answer.contains("size limit exceeded")) {
            return Result.TOO_LARGE;
        }
        throw new ScannerUnavailableException("clamd answered an error", null);
    }

    private SocketChannel channel() throws IOException {
        return address instanceof UnixDomainSocketAddress ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
    }

    /**
     * Sends the content in length-prefixed chunks and the closing zero; false when clamd stopped reading (at its
     * StreamMaxLength it writes its answer and closes). A failure to read the content itself propagates as it is.
     */
    private static boolean send(SocketChannel channel, InputStream content) throws IOException {
        byte[] chunk = new byte[CHUNK];
        ByteBuffer length = ByteBuffer.allocate(4);
        int n;
        while ((n = content.readNBytes(chunk, 0, CHUNK)) > 0) {
            if (!offer(channel, length.putInt(0, n)) || !offer(channel, ByteBuffer.wrap(chunk, 0, n))) {
                return false;
            }
        }
        return offer(channel, length.putInt(0, 0));
    }

    private static boolean offer(SocketChannel channel, ByteBuffer buffer) throws IOException {
        try {
            write(channel, buffer);
            return true;
        } catch (IOException e) {
            if (!channel.isOpen()) {
                throw e; // the deadline closed it
            }
            return false;
        }
    }

    private static void write(SocketChannel channel, ByteBuffer buffer) throws IOException {
        buffer.position(0);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static String read(SocketChannel channel) throws IOException {
        ByteBuffer reply = ByteBuffer.allocate(MAX_REPLY);
        while (reply.hasRemaining() && channel.read(reply) >= 0) {
            if (reply.position() > 0 && reply.get(reply.position() - 1) == 0) {
                break;
            }
        }
        String text = new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII);
        int end = text.indexOf('\0');
        return (end >= 0 ? text.substring(0, end) : text).strip();
    }

    private static String printable(String signature) {
        StringBuilder clean = new StringBuilder();
        for (int i = 0; i < signature.length() && clean.length() < 200; i++) {
            char c = signature.charAt(i);
            clean.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return clean.toString();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing to end a scan that ran out of time
        }
    }

    /** Closes the connection when the scan's time is up, which ends any blocked read or write. */
    private final class Deadline implements AutoCloseable {
        private final ScheduledFuture<?> timer;

        Deadline(SocketChannel channel) {
            this.timer = TIMER.schedule(() -> closeQuietly(channel), timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            timer.cancel(false);
        }
    }
}

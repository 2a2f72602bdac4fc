package lenet5.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One of a cell's output streams ({@code System.out} or {@code System.err}), safe to write from
 * any thread. Text is gathered and sent in pieces (by {@link #send}, which the kernel calls a few
 * times a second and before every rich output), so a loop that prints a lot costs few messages
 * and a progress line written with {@code print} still appears while the cell runs.
 *
 * <p>A cell may print at most {@code limit} bytes here; the rest is counted and reported once, so
 * that a runaway {@code println} loop cannot flood the browser.
 */
final class CellOutput extends OutputStream {

    private final PrintStream outsideCells;
    private final long limit;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private Consumer<String> sink;
    private long written;
    private long dropped;

    /**
     * @param outsideCells where text goes while no cell runs (the kernel's log)
     * @param limit        bytes a cell may print
     */
    CellOutput(PrintStream outsideCells, long limit) {
        this.outsideCells = outsideCells;
        this.limit = limit;
    }

    /** Starts a cell: text now goes to {@code sink}. */
    synchronized void attach(Consumer<String> sink) {
        this.sink = sink;
        written = 0;
        dropped = 0;
        pending.reset();
    }

    /** Ends a cell: sends what is left and says how much was dropped. */
    synchronized void detach() {
        send();
        if (dropped > 0 && sink != null) {
            sink.accept(String.format("%n[output truncated: the cell printed %,d bytes more than the %,d shown]%n",
                    dropped, limit));
        }
        sink = null;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        if (sink == null) {
            outsideCells.write(b, off, len);
            return;
        }
        long room = Math.max(0, limit - written);
        int keep = (int) Math.min(room, len);
        pending.write(b, off, keep);
        written += keep;
        dropped += len - keep;
    }

    /** Not a send: {@link PrintStream}'s autoflush would make one message of every line. */
    @Override
    public void flush() {
    }

    /** Sends the complete characters gathered so far. */
    synchronized void send() {
        if (sink == null || pending.size() == 0) {
            return;
        }
        byte[] bytes = pending.toByteArray();
        int end = completeLength(bytes);
        pending.reset();
        pending.write(bytes, end, bytes.length - end);
        if (end > 0) {
            sink.accept(new String(bytes, 0, end, StandardCharsets.UTF_8));
        }
    }

    /** The length of the longest prefix that does not end inside a UTF-8 sequence. */
    static int completeLength(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int c = b[n - back] & 0xff;
            if ((c & 0xC0) == 0x80) {
                continue; // continuation byte: look further back for the lead byte
            }
            int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }
}

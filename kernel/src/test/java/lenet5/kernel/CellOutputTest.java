package lenet5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class CellOutputTest {

    @Test
    void textIsSentInPiecesAndNeverSplitInsideACharacter() {
        List<String> sent = new ArrayList<>();
        CellOutput out = new CellOutput(new PrintStream(new ByteArrayOutputStream()), 1000);
        out.attach(sent::add);
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        out.write(new byte[] {'a', euro[0], euro[1]}, 0, 3);
        out.send();
        out.write(euro, 2, 1);
        out.flush();
        assertEquals(List.of("a"), sent, "flush() alone sends nothing; half a character waits");
        out.detach();
        assertEquals(List.of("a", "€"), sent);
    }

    @Test
    void aCellThatPrintsTooMuchIsCutWithANote() {
        List<String> sent = new ArrayList<>();
        CellOutput out = new CellOutput(new PrintStream(new ByteArrayOutputStream()), 10);
        out.attach(sent::add);
        byte[] line = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        out.write(line, 0, line.length);
        out.write(line, 0, line.length);
        out.detach();
        assertEquals("0123456789", sent.get(0));
        assertTrue(sent.get(1).contains("22 bytes more than the 10 shown"), sent.get(1));
    }

    @Test
    void outsideACellTextGoesToTheLog() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        CellOutput out = new CellOutput(new PrintStream(log, true), 10);
        out.write('z');
        assertEquals("z", log.toString());
    }

    @Test
    void textFromTheCellThreadArrivesCompleteAndInOrderWhileThePumpSends() throws Exception {
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        CellOutput out = new CellOutput(new PrintStream(new ByteArrayOutputStream()), 1 << 20);
        out.attach(sent::add);
        // As in the kernel: a pump thread sends while the cell's thread prints.
        ScheduledExecutorService pump = Executors.newSingleThreadScheduledExecutor();
        pump.scheduleWithFixedDelay(out::send, 0, 1, TimeUnit.MILLISECONDS);
        StringBuilder expected = new StringBuilder();
        Thread cell = new Thread(() -> {
            PrintStream cellOut = new PrintStream(out, true, StandardCharsets.UTF_8);
            for (int i = 0; i < 20_000; i++) {
                cellOut.print("line ");
                cellOut.print(i);
                cellOut.println(" €");
            }
        });
        for (int i = 0; i < 20_000; i++) {
            expected.append("line ").append(i).append(" €").append(System.lineSeparator());
        }
        cell.start();
        cell.join();
        pump.shutdownNow();
        pump.awaitTermination(5, TimeUnit.SECONDS);
        out.detach();
        assertTrue(sent.size() > 1, "the pump sent while the cell printed");
        assertEquals(expected.toString(), String.join("", sent));
    }
}

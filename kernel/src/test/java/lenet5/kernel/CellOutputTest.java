package lenet5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
}

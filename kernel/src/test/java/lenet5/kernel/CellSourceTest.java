package lenet5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CellSourceTest {

    @Test
    void magicsAndCodeKeepTheirOrderAndLines() {
        List<CellSource.Part> parts = CellSource.split("%classpath a b\nint x = 1;\n\n%classpath c\nx", code -> false);
        assertEquals(4, parts.size());
        assertEquals(CellSource.Kind.MAGIC, parts.get(0).kind());
        assertEquals("classpath", parts.get(0).magicName());
        assertEquals("a b", parts.get(0).magicArguments());
        assertEquals(new CellSource.Part(CellSource.Kind.CODE, "int x = 1;\n", 1), parts.get(1));
        assertEquals(3, parts.get(2).firstLine());
        assertEquals(new CellSource.Part(CellSource.Kind.CODE, "x", 4), parts.get(3));
    }

    @Test
    void aPercentLineInsideOpenCodeIsJava() {
        List<CellSource.Part> parts = CellSource.split("int r = 7\n  % 3;", code -> true);
        assertEquals(1, parts.size());
        assertEquals(CellSource.Kind.CODE, parts.get(0).kind());
    }

    @Test
    void cellMagicsAreRecognised() {
        CellSource.Part p = CellSource.split("%%time\nint x = 1;", code -> false).get(0);
        assertEquals(CellSource.Kind.CELL_MAGIC, p.kind());
        assertEquals("time", p.magicName());
    }
}

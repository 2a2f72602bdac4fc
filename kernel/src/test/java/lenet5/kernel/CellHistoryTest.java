package lenet5.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager.ResultFlag;

class CellHistoryTest {

    @Test
    void tailRangeAndGlobSearch() {
        CellHistory h = new CellHistory();
        h.add(1, "6 * 7", "42");
        h.add(2, "int x = 1;", null);
        h.add(3, "6 * 7", "42");
        Set<ResultFlag> none = EnumSet.noneOf(ResultFlag.class);
        assertEquals(2, h.lookupTail(2, none).size());
        assertEquals(3, h.lookupTail(2, none).get(1).getCellNumber());
        assertEquals(1, h.lookupRange(CellHistory.SESSION, 2, 3, none).size());
        assertEquals(2, h.search("6*", 10, none).size());
        assertEquals(1, h.search("6*", 10, EnumSet.of(ResultFlag.UNIQUE)).size());
        HistoryEntry e = h.lookupTail(1, EnumSet.of(ResultFlag.INCLUDE_OUTPUT)).get(0);
        assertEquals("42", e.getOutput());
    }
}

package io.github.spencerpark.ijava.runtime;

import java.util.ArrayList;
import java.util.List;

/** Test double of IJava's display statics: records calls. */
public class Display {
    public static final List<Object[]> CALLS = new ArrayList<>();

    public static String display(Object o, String... as) {
        CALLS.add(new Object[] {"display", o, as});
        return "ijava-id";
    }

    public static void updateDisplay(String id, Object o, String... as) {
        CALLS.add(new Object[] {"update", id, o, as});
    }
}

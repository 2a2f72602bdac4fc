package org.dflib.jjava.jupyter.kernel;

import java.util.ArrayList;
import java.util.List;

/** Test double of JJava's notebook statics: records calls. */
public class BaseNotebookStatics {
    public static final List<Object[]> CALLS = new ArrayList<>();

    public static String display(Object o, String... as) {
        CALLS.add(new Object[] {"display", o, as});
        return "jjava-id";
    }

    public static void updateDisplay(String id, Object o, String... as) {
        CALLS.add(new Object[] {"update", id, o, as});
    }
}

package org.rapaio.jupyter.kernel.global;

import java.util.ArrayList;
import java.util.List;

/** Test double of rapaio's Global: records calls. */
public final class Global {
    public static final List<Object[]> CALLS = new ArrayList<>();

    public static String display(String mime, Object o) {
        CALLS.add(new Object[] {"display", mime, o});
        return "rapaio-id";
    }

    public static void updateDisplay(String id, String mime, Object o) {
        CALLS.add(new Object[] {"update", id, mime, o});
    }
}

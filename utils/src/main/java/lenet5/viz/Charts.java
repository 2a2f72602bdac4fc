package lenet5.viz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import lenet5.CoursePaths;
import lenet5.notebook.Notebook;
import tech.tablesaw.plotly.components.Figure;

/**
 * Puts tablesaw-jsplot (Plotly) figures into notebook output so that they draw everywhere the
 * course is read: JupyterLab (no RequireJS), the classic Notebook (RequireJS), exported HTML and
 * the offline course site.
 *
 * <p>The first chart of a kernel session is preceded by plotly.js itself, as an output of its own
 * ({@link #showPlotlyOnce}), so that a saved notebook, and its HTML export opened from any folder
 * with no network, carries what its charts need. Each chart's script then uses
 * {@code window.Plotly} when the page has it, asks RequireJS for it when RequireJS is present,
 * and otherwise injects one {@code <script>} tag pointing at the plotly.js copy that
 * {@code make setup} put in {@code build/js}, served by the Jupyter server under {@code /files/}.
 */
public final class Charts {

    /** Marks the output that carries plotly.js, so that the course site can leave it out. */
    public static final String PLOTLY_MARKER = "<!-- lenet5: plotly.js -->";

    private static boolean plotlyShown;

    private Charts() {
    }

    /** Shows a figure in the notebook. */
    public static void show(Figure figure) {
        showPlotlyOnce();
        Notebook.html(html(figure));
    }

    /**
     * Shows plotly.js as an output of its own, once per kernel; does nothing outside a kernel or
     * when {@code build/js/plotly.min.js} is missing (charts then load the served copy).
     */
    public static synchronized void showPlotlyOnce() {
        Path js = CoursePaths.build().resolve("js/plotly.min.js");
        if (plotlyShown || !Notebook.inKernel() || !Files.isRegularFile(js)) {
            return;
        }
        try {
            Notebook.html(plotlyEmbed(Files.readString(js)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + js + ": run 'make setup' again", e);
        }
        plotlyShown = true;
    }

    /**
     * plotly.js in a script that sets {@code window.Plotly}: the parameters hide RequireJS's
     * {@code define} (and CommonJS names), which would otherwise capture plotly.js as an
     * anonymous module where nbconvert's pages and the classic Notebook load RequireJS.
     */
    static String plotlyEmbed(String plotlySource) {
        return PLOTLY_MARKER + "\n<script>\n(function (define, module, exports) {\n"
                + "  if (window.Plotly) { return; }\n"
                + plotlySource.replace("</script", "<\\/script")
                + "\n})();\n</script>\n";
    }

    /** HTML (a div and a script) that draws the figure; ids are valid JavaScript identifiers. */
    public static String html(Figure figure) {
        return html(figure, "lenet5_" + UUID.randomUUID().toString().replace("-", ""));
    }

    static String html(Figure figure, String id) {
        String js = figure.asJavascript(id)
                .replaceAll("(?s)^\\s*<script>", "")
                .replaceAll("(?s)</script>\\s*$", "");
        return "<div id=\"" + id + "\" class=\"lenet5-chart\"></div>\n"
                + "<script>\n(function () {\n"
                + "  function draw() {\n" + js + "\n  }\n"
                + "  var rel = '" + plotlyRelativeUrl() + "';\n"
                + LOADER
                + "})();\n</script>\n";
    }

    // Finds plotly.js and then calls draw(). Kept as one string so every chart carries it.
    static final String LOADER = String.join("\n",
            "  if (window.Plotly) { draw(); return; }",
            "  if (typeof window.requirejs === 'function' && window.requirejs.config) {",
            "    window.requirejs.config({paths: {lenet5plotly: plotlyUrl().replace(/\\.js$/, '')}});",
            "    window.requirejs(['lenet5plotly'], function (P) { window.Plotly = window.Plotly || P; draw(); });",
            "    return;",
            "  }",
            "  var s = document.getElementById('lenet5-plotly-js');",
            "  if (!s) {",
            "    s = document.createElement('script');",
            "    s.id = 'lenet5-plotly-js';",
            "    s.src = plotlyUrl();",
            "    document.head.appendChild(s);",
            "  }",
            "  s.addEventListener('load', draw);",
            "  function plotlyUrl() {",
            "    // Jupyter serves files under <base>/files/; the notebook's folder is in the page URL.",
            "    var m = window.location.pathname.match(/^(.*?\\/)(?:notebooks|lab\\/tree|lab\\/workspaces\\/[^\\/]+\\/tree|doc\\/tree)\\/(.*\\/)?[^\\/]*$/);",
            "    if (m && window.location.protocol.indexOf('http') === 0) { return m[1] + 'files/' + (m[2] || '') + rel; }",
            "    return rel;",
            "  }",
            "");

    /** Path from the notebooks folder to the local plotly.js, in URL form. */
    static String plotlyRelativeUrl() {
        Path notebooks = CoursePaths.root().resolve("notebooks");
        Path plotly = CoursePaths.build().resolve("js/plotly.min.js");
        if (!Files.exists(plotly)) {
            return "../build/js/plotly.min.js";
        }
        return notebooks.relativize(plotly).toString().replace('\\', '/');
    }
}

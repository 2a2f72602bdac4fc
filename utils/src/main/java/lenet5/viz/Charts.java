package lenet5.viz;

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
 * <p>The generated script uses {@code window.Plotly} when a page already has it (the course site
 * loads it in its head), asks RequireJS for it when RequireJS is present, and otherwise injects
 * one {@code <script>} tag pointing at the plotly.js copy that {@code make setup} put in
 * {@code build/js}, served by the Jupyter server under {@code /files/}.
 */
public final class Charts {

    private Charts() {
    }

    /** Shows a figure in the notebook. */
    public static void show(Figure figure) {
        Notebook.html(html(figure));
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

package lenet5.model;

import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;

/**
 * A table of a network's layers, computed from the DJL blocks themselves: output shape and
 * number of parameters of every layer for a given input shape.
 */
public final class ModelSummary {

    /** One row: layer name and kind, output shape, trainable parameters, receptive field. */
    public record Row(String name, LeNet5.Kind kind, Shape outputShape, long parameters, int receptiveField) {
    }

    private final List<Row> rows;
    private final Shape inputShape;

    private ModelSummary(Shape inputShape, List<Row> rows) {
        this.inputShape = inputShape;
        this.rows = List.copyOf(rows);
    }

    /** Builds and initialises a variant, then measures it. */
    public static ModelSummary of(LeNet5.Variant variant) {
        List<LeNet5.Layer> layers = LeNet5.layers(variant);
        Shape input = variant.inputShape();
        List<Integer> rf = ReceptiveField.of(layers, variant.inputSize());
        List<Row> rows = new ArrayList<>();
        // Shapes and counts only, no arithmetic worth a GPU: the CPU whatever LENET5_DEVICE says.
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Shape shape = input;
            for (int i = 0; i < layers.size(); i++) {
                LeNet5.Layer layer = layers.get(i);
                Block b = layer.block();
                b.initialize(manager, DataType.FLOAT32, shape);
                shape = b.getOutputShapes(new Shape[] {shape})[0];
                rows.add(new Row(layer.name(), layer.kind(), shape, parameterCount(b), rf.get(i)));
            }
        }
        return new ModelSummary(input, rows);
    }

    /**
     * The structure of an initialised network, one line per layer: the block's type, its output
     * shape for {@code input}, and the name and shape of each of its parameters. Two networks with
     * equal lines compute the same function family and have the same parameter counts.
     */
    public static List<String> structure(SequentialBlock net, Shape input) {
        List<String> lines = new ArrayList<>();
        Shape shape = input;
        for (Pair<String, Block> child : net.getChildren()) {
            Block b = child.getValue();
            shape = b.getOutputShapes(new Shape[] {shape})[0];
            // A block's description starts with its name (Conv2d, Tanh, avgPool2d...), then shapes.
            String name = b.toString().strip().split("[\\s(]", 2)[0];
            StringBuilder line = new StringBuilder(name).append(" -> ").append(shape);
            for (Pair<String, Parameter> p : b.getParameters()) {
                line.append(' ').append(p.getKey()).append(p.getValue().getArray().getShape());
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Number of scalar parameters of an initialised block. */
    public static long parameterCount(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    /** Shape of the input the summary was measured for. */
    public Shape inputShape() {
        return inputShape;
    }

    /** The rows, in forward order. */
    public List<Row> rows() {
        return rows;
    }

    /** Total number of parameters. */
    public long totalParameters() {
        return rows.stream().mapToLong(Row::parameters).sum();
    }

    /** Shape of the last layer's output. */
    public Shape outputShape() {
        return rows.get(rows.size() - 1).outputShape();
    }

    /** The table as HTML, for the notebook. */
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<table><thead><tr><th>layer</th><th>output shape</th>"
                + "<th style=\"text-align:right\">parameters</th><th style=\"text-align:right\">receptive field</th></tr></thead><tbody>");
        sb.append("<tr><td>input</td><td>").append(inputShape).append("</td><td></td><td></td></tr>");
        for (Row r : rows) {
            sb.append("<tr><td>").append(r.name()).append("</td><td>").append(r.outputShape())
                    .append("</td><td style=\"text-align:right\">").append(String.format("%,d", r.parameters()))
                    .append("</td><td style=\"text-align:right\">").append(r.receptiveField()).append("&times;")
                    .append(r.receptiveField()).append("</td></tr>");
        }
        sb.append("<tr><th>total</th><th></th><th style=\"text-align:right\">")
                .append(String.format("%,d", totalParameters())).append("</th><th></th></tr></tbody></table>");
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format("%-10s %-18s %10s %6s%n", "layer", "output shape", "params", "RF"));
        for (Row r : rows) {
            sb.append(String.format("%-10s %-18s %,10d %6d%n", r.name(), r.outputShape(), r.parameters(), r.receptiveField()));
        }
        sb.append(String.format("%-10s %-18s %,10d%n", "total", "", totalParameters()));
        return sb.toString();
    }
}

package lenet5.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Receptive field of each layer: how many input pixels (per side) can influence one output unit.
 *
 * <p>With {@code r} the receptive field and {@code j} the distance in input pixels between two
 * neighbouring units, a layer with kernel {@code k} and stride {@code s} gives
 * {@code r' = r + (k - 1) j} and {@code j' = j s}. A flatten only rearranges units, so each keeps
 * its field; a fully connected layer combines all of them and sees the whole image.
 */
public final class ReceptiveField {

    private ReceptiveField() {
    }

    /** One value per layer, in pixels per side of the input. */
    public static List<Integer> of(List<LeNet5.Layer> layers, int inputSize) {
        List<Integer> out = new ArrayList<>();
        int r = 1;
        int j = 1;
        boolean global = false;
        for (LeNet5.Layer layer : layers) {
            if (layer.kind() == LeNet5.Kind.FULLY_CONNECTED) {
                global = true;
            }
            if (!global) {
                r += (layer.kernel() - 1) * j;
                j *= layer.stride();
            }
            out.add(global ? inputSize : Math.min(r, inputSize));
        }
        return out;
    }
}

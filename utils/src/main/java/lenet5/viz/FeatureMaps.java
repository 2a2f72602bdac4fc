package lenet5.viz;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import lenet5.model.LeNet5;

/**
 * What each layer of a trained LeNet-5 computes for one input: the outputs of every layer,
 * collected by running the sequential block one child at a time.
 */
public final class FeatureMaps {

    private FeatureMaps() {
    }

    /**
     * Runs {@code input} through the children of {@code net} (inference mode) and returns every
     * layer's output under the layer's course name (C1, C1 tanh, S2, ...).
     */
    public static Map<String, NDArray> of(SequentialBlock net, NDArray input) {
        var names = LeNet5.layers(LeNet5.Variant.CLASSIC).stream().map(LeNet5.Layer::name).toList();
        ParameterStore ps = new ParameterStore(input.getManager(), false);
        Map<String, NDArray> out = new LinkedHashMap<>();
        NDList x = new NDList(input);
        int i = 0;
        for (Pair<String, Block> child : net.getChildren()) {
            x = child.getValue().forward(ps, x, false);
            out.put(i < names.size() ? names.get(i) : child.getKey(), x.singletonOrThrow());
            i++;
        }
        return out;
    }
}

package lenet5.eval;

import java.util.ArrayList;
import java.util.List;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import lenet5.data.PixelStats;

/**
 * Turns one raw 28x28 digit (values in [0, 1]) into LeNet-5's input and the network's ten
 * scores into probabilities, so a DJL {@code Predictor} can be asked "which digit is this?".
 */
public final class DigitTranslator implements Translator<NDArray, Classifications> {

    private static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    private final PixelStats stats;

    /** @param stats the training set's statistics, the same the model was trained with */
    public DigitTranslator(PixelStats stats) {
        this.stats = stats;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, NDArray digit) {
        // (28, 28) or (1, 28, 28) -> (1, 32, 32): pad by 2, then normalise as in training.
        NDArray x = digit.reshape(1, 1, 28, 28).duplicate();
        x.attach(ctx.getNDManager());
        x = x.pad(new ai.djl.ndarray.types.Shape(2, 2, 2, 2), 0).sub(stats.mean()).div(stats.std());
        return new NDList(x.reshape(1, 32, 32));
    }

    @Override
    public Classifications processOutput(TranslatorContext ctx, NDList list) {
        NDArray p = list.singletonOrThrow().softmax(-1).reshape(10);
        List<Double> probs = new ArrayList<>();
        for (float v : p.toFloatArray()) {
            probs.add((double) v);
        }
        return new Classifications(CLASSES, probs);
    }
}

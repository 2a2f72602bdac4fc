package lenet5.eval;

import java.util.ArrayList;
import java.util.List;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import lenet5.CourseException;
import lenet5.data.PixelStats;
import lenet5.data.Preprocessing;

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
        // (28, 28) or (1, 28, 28): a batch of one for the preprocessing, then one (1, 32, 32) input.
        int side = Preprocessing.MNIST_SIZE;
        if (digit.getShape().size() != (long) side * side) {
            throw new CourseException("The predictor takes one 28x28 grey digit, shape (28, 28) or (1, 28, 28) with values "
                    + "from 0 to 1, not shape " + digit.getShape() + " (scale a picture of another size to 28x28 first)");
        }
        NDArray raw = digit.reshape(1, 1, side, side);
        raw.attach(ctx.getNDManager());
        NDArray x = Preprocessing.toInput(raw, stats);
        return new NDList(x.reshape(1, Preprocessing.INPUT_SIZE, Preprocessing.INPUT_SIZE));
    }

    /**
     * A translator with the same input side whose output is the network's ten raw scores (logits),
     * for checks that compare them with another implementation.
     */
    public static Translator<NDArray, float[]> scores(PixelStats stats) {
        DigitTranslator input = new DigitTranslator(stats);
        return new Translator<>() {
            @Override
            public NDList processInput(TranslatorContext ctx, NDArray digit) {
                return input.processInput(ctx, digit);
            }

            @Override
            public float[] processOutput(TranslatorContext ctx, NDList list) {
                return list.singletonOrThrow().toFloatArray();
            }
        };
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

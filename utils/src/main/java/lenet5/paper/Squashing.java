package lenet5.paper;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;

/**
 * The paper's squashing function f(a) = A tanh(S a), with A = 1.7159 and S = 2/3.
 *
 * <p>With these constants f(1) = 1 and f(-1) = -1, and the second derivative of f is largest
 * at a = ±1: targets of ±1 sit where the function bends most, so training pushes units towards
 * them without driving them into the flat, saturated tails (section II-B and appendix A).
 */
public final class Squashing {

    /** The amplitude A. */
    public static final float A = 1.7159f;
    /** The slope S at the origin, before scaling by A. */
    public static final float S = 2f / 3f;

    private Squashing() {
    }

    /** f applied elementwise. */
    public static NDArray apply(NDArray a) {
        return OwnedScalar.times(OwnedScalar.times(a, S).tanh(), A);
    }

    /** f as a block without parameters. */
    public static Block block() {
        return LambdaBlock.singleton(Squashing::apply, "squash");
    }
}

package lenet5.paper;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/** The trainable parameters of the paper's layers: weights with the paper's initialisation, biases from zero. */
final class PaperParameters {

    private PaperParameters() {
    }

    /** A weight of {@code shape}, initialised by {@code init}. */
    static Parameter weight(String name, Shape shape, Initializer init) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape).optInitializer(init).build();
    }

    /** One bias per output map, starting at zero. */
    static Parameter bias(long maps) {
        return Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).optShape(new Shape(maps)).build();
    }
}

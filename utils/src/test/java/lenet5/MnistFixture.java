package lenet5;

import ai.djl.ndarray.NDManager;
import lenet5.data.LeNetInputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The course's MNIST inputs, loaded once per test class that extends this and closed after it. */
public abstract class MnistFixture {

    protected static NDManager manager;
    protected static LeNetInputs inputs;

    @BeforeAll
    static void loadInputs() {
        manager = NDManager.newBaseManager();
        inputs = LeNetInputs.load(manager);
    }

    @AfterAll
    static void closeInputs() {
        manager.close();
    }
}

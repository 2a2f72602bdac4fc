package lenet5.notebook;

/**
 * One way of putting rich output in front of the learner: a Jupyter kernel, or a plain console.
 */
interface Frontend {

    /** Shows {@code payload} as {@code mime} and returns an id for later updates (may be null). */
    String display(String mime, Object payload);

    /** Replaces the output shown under {@code id}. */
    void update(String id, String mime, Object payload);

    /** A short name for reports and tests. */
    String name();
}

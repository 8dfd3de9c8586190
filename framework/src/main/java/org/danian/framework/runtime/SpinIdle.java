package org.danian.framework.runtime;

/** {@link IdleStrategy#spin()}: a processor spin hint per idle iteration, nothing else. */
final class SpinIdle implements IdleStrategy {

    @Override
    public void idle() {
        Thread.onSpinWait();
    }

    @Override
    public void reset() {
        // Stateless: every idle iteration is the same.
    }

    @Override
    public String name() {
        return "spin";
    }
}

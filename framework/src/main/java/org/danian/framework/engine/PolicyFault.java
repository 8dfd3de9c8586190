package org.danian.framework.engine;

/**
 * A policy broke its contract; the message says how. Raised by {@link PickerGuard} and
 * {@link PickerSwap} on the rare path only, caught by {@link PolicySlot} and its seams, never seen by a
 * kernel caller. It carries no stack trace of its own (the cause, if any, has one).
 */
final class PolicyFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PolicyFault(String reason) {
        super(reason, null, false, false);
    }

    PolicyFault(String reason, Throwable cause) {
        super(reason + ": " + cause, cause, false, false);
    }

    /** Lets fatal errors through: a policy must not turn an exhausted JVM into an ejection. */
    static PolicyFault of(String reason, Throwable cause) {
        if (cause instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        return new PolicyFault(reason + " threw", cause);
    }
}

package org.danian.framework.engine;

import org.danian.framework.affinity.CpuReservation;
import org.danian.framework.affinity.NativeThreads;
import org.danian.framework.affinity.NativeThreadsLoader;
import org.danian.framework.runtime.ThreadNiceControl;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.Pinning;

/**
 * How the kernel's threads run, decided once when it starts: whether they pin themselves
 * ({@code pinThreads=auto} reads the machine's CPU reservation), the native control they pin
 * with, and the nice value they set. {@code danian:status} shows the pinning and the nice
 * outcome.
 *
 * @param settings the settings with auto pinning decided
 * @param pinning the pinning decision and why
 * @param nativeThreads pins the threads, or the unpinned stand-in when they are not pinned
 * @param niceControl sets the threads' nice value and keeps the outcome
 */
record KernelThreadSetup(KernelSettings settings, Pinning pinning, NativeThreads nativeThreads,
                         ThreadNiceControl niceControl) {

    /** The setup {@code configured} asks for on the machine {@code reservation} describes. */
    static KernelThreadSetup decide(KernelSettings configured, CpuReservation reservation) {
        Pinning decided = reservation.decide(configured.pinning(), configured.workerCores());
        KernelSettings chosen = configured.pinning().equals(KernelSettings.PIN_AUTO)
                ? configured.withAutoPinningDecided(decided.pinned()) : configured;
        NativeThreads nativeThreads = chosen.pinThreads() ? NativeThreadsLoader.system()
                : NativeThreadsLoader.unpinned("not pinned: " + decided.reason());
        return new KernelThreadSetup(chosen, decided, nativeThreads,
                new ThreadNiceControl(chosen.threadNice(), NativeThreadsLoader.system()));
    }
}

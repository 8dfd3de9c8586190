package org.danian.kernel;

import java.util.Objects;

/**
 * Whether the kernel's threads are pinned to their cores, and why: the decision taken when the
 * kernel started from {@link KernelSettings#pinning()}.
 *
 * @param mode the setting: {@value KernelSettings#PIN_AUTO}, {@value KernelSettings#PIN_ALWAYS}
 *     or {@value KernelSettings#PIN_NEVER}
 * @param pinned whether the scheduler thread and the kthreads pin themselves
 * @param reason why, in words: the setting, or for auto what the machine's CPU reservation says
 *     (isolcpus, nohz_full, an exclusive cpuset)
 */
public record Pinning(String mode, boolean pinned, String reason) {

    /** Checks the fields. */
    public Pinning {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(reason, "reason");
    }
}

package org.danian.framework.kernel;

import org.danian.kernel.SchedulerKernel;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The kernel's configuration, ConfigAdmin PID {@value SchedulerKernel#CONFIGURATION_PID}
 * (OSGi Compendium R8 §104 Configuration Admin, §105 Metatype). {@code danian:policy <name>}
 * updates {@link #threadPick()} so that the choice survives a restart.
 */
@ObjectClassDefinition(id = SchedulerKernel.CONFIGURATION_PID, name = "Danian scheduler kernel",
        description = "Which scheduling policies the kernel runs.")
@interface KernelConfig {

    /** Default thread-pick policy: O(1), and exactly Caladan's decisions. */
    String DEFAULT_THREAD_PICK = "danian-exact";

    /** Default core-allocation policy: Caladan's simple.c. */
    String DEFAULT_CORE_ALLOCATION = "simple";

    @AttributeDefinition(name = "Thread-pick policy",
            description = "Name of the thread-pick policy (danian.policy.name) that chooses which idle"
                    + " kthread runs on a granted core. If it is not installed, the kernel runs the last"
                    + " good policy, else caladan, and switches when it appears.")
    String threadPick() default DEFAULT_THREAD_PICK;

    @AttributeDefinition(name = "Core-allocation policy",
            description = "Name of the core-allocation policy (danian.allocation.name) that decides which"
                    + " proc gets which core.")
    String coreAllocation() default DEFAULT_CORE_ALLOCATION;
}

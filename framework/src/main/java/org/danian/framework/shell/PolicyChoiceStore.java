package org.danian.framework.shell;

import java.io.IOException;

import org.danian.kernel.PolicyKind;

/**
 * Where {@code danian:policy <name>} and {@code danian:allocator <name>} persist the operator's
 * choice so that it survives a restart: the kernel's configuration in OSGi
 * ({@link ConfigAdminChoiceStore}), anything in tests.
 */
@FunctionalInterface
interface PolicyChoiceStore {

    /**
     * Records {@code name} as the configured policy of {@code kind}.
     *
     * @throws IOException if the configuration cannot be written
     */
    void save(PolicyKind kind, String name) throws IOException;
}

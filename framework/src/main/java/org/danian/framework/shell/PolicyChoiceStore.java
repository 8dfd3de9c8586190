package org.danian.framework.shell;

import java.io.IOException;

/**
 * Where {@code danian:policy <name>} persists the operator's choice so that it survives a
 * restart: the kernel's configuration in OSGi ({@link ConfigAdminChoiceStore}), anything in
 * tests.
 */
@FunctionalInterface
interface PolicyChoiceStore {

    /**
     * Records {@code name} as the configured thread-pick policy.
     *
     * @throws IOException if the configuration cannot be written
     */
    void saveThreadPick(String name) throws IOException;
}

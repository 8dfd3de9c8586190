/**
 * Native control of kthreads: pinning to a core, the current core, the OS thread id and
 * per-thread CPU time, through jnr-ffi embedded privately in this bundle, with an unpinned
 * fallback where that is unavailable. Private to the framework bundle (not exported).
 */
package org.danian.framework.affinity;

/**
 * {@code bin/danian simulate}: the simulator run outside the framework, in its own JVM on the
 * distribution's {@code lib/} class path, with PNG figures (XChart) and an HTML report. Never
 * loaded inside Felix: the framework bundle imports XChart optionally, only for this package.
 */
package org.danian.framework.sim.report;

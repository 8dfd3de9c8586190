/**
 * The experiment runner ({@link org.danian.workloads.experiment.ExperimentRunner}): reproduces
 * the Danian paper's experiments (§6–7: Figures 3–8 and Table 2) for any set of thread-pick
 * policies plus the plain-Java baseline. It starts each server side once (the Danian server,
 * whose policy it hot-swaps through the server's shell; the baseline servers), measures each
 * sample point with a client main of this module in a JVM of its own, and writes CSV, PNG
 * plots (XChart) and one HTML report.
 *
 * <p>Runs outside OSGi, in its own JVM: XChart is not a bundle, and the bundle imports it
 * optionally (see bnd.bnd), so nothing here is loaded inside the framework.
 */
package org.danian.workloads.experiment;

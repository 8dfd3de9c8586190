/**
 * A tiny thread-pick policy that the tests package as a bundle at run time (see {@link
 * org.danian.distribution.testpolicy.PolicyBundleJar}) and install into a running framework,
 * the way a researcher drops a new policy into {@code load/}. Its classes must stay free of
 * nested and anonymous classes, so that the three listed class files are the whole bundle.
 *
 * <p>{@link org.danian.distribution.testpolicy.OldSpiPolicyJar} builds a second one from
 * source against the previous release's SPI, as a third party would.
 */
package org.danian.distribution.testpolicy;

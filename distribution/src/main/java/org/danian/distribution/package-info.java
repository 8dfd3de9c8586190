/**
 * The launcher of the packaged distribution ({@code bin/danian}): boots Apache Felix with the
 * distribution's bundles, either with the interactive Gogo shell or to run one shell command
 * and exit with a meaningful status.
 *
 * <p>Not a bundle: it runs on the class path beside Felix main, outside the framework, and
 * reaches the Gogo command processor only through its service (see {@link
 * org.danian.distribution.GogoSession}).
 */
package org.danian.distribution;

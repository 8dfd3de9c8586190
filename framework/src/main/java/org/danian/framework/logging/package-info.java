/**
 * The bridge from {@code java.util.logging}, which the kernel, the workloads and the launcher
 * log through ({@code System.Logger}), to the OSGi Log Service (OSGi Compendium R8, chapter
 * 101), so that the Log Service's readers (the shell's {@code log} command,
 * {@code danian:logs}) show the same entries as standard error and {@code log/danian.log}.
 */
package org.danian.framework.logging;
